package dev.streamfit.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Targets take turns within the poll interval instead of all being polled at the same instant. */
class StartOffsetTest {

    @Test
    void targetsStartAtEvenOffsetsWithinTheInterval() {
        Duration interval = Duration.ofSeconds(5);
        int count = 60;
        Duration previous = null;
        for (int i = 0; i < count; i++) {
            Duration offset = PollScheduler.startOffset(i, count, interval);
            assertTrue(!offset.isNegative() && offset.compareTo(interval) < 0, "offset " + offset + " of target " + i);
            if (previous != null) {
                assertEquals(interval.toMillis() / (double) count, offset.minus(previous).toNanos() / 1e6, 0.001,
                        "the step between targets " + (i - 1) + " and " + i);
            }
            previous = offset;
        }
        assertEquals(Duration.ZERO, PollScheduler.startOffset(0, 1, interval), "a single target is polled at once");
    }
}
