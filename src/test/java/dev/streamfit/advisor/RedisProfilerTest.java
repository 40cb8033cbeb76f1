package dev.streamfit.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.streamfit.history.RedisHistory;
import dev.streamfit.history.SampleRing;
import dev.streamfit.redis.RedisConsumerSnapshot;
import dev.streamfit.redis.RedisGroupSnapshot;

/** What the Redis profile reads from the history: replay evidence and consumers that count. */
class RedisProfilerTest {

    private static final long MINUTE = 60_000;

    /** A stream of {@code length} entries, one sample a minute for {@code minutes} minutes. */
    static SampleRing.Samples stream(long length, int minutes) {
        SampleRing ring = new SampleRing(new SampleRing.Layout(3, Duration.ofHours(1)));
        for (int m = 0; m < minutes; m++) {
            long[] values = new long[3];
            values[RedisHistory.STREAM_LENGTH] = length;
            values[RedisHistory.STREAM_ENTRIES_ADDED] = length;
            ring.add(m * MINUTE, values);
        }
        return ring.samples();
    }

    /** A group first seen at {@code fromMinute}, with the given lag at each following minute. */
    static SampleRing.Samples group(int fromMinute, long... lags) {
        SampleRing ring = new SampleRing(new SampleRing.Layout(3, Duration.ofHours(1))
                .withPosition(RedisHistory.GROUP_DELIVERED_MS, RedisHistory.GROUP_DELIVERED_SEQ));
        for (int i = 0; i < lags.length; i++) {
            long[] values = new long[3];
            values[RedisHistory.GROUP_LAG] = lags[i];
            values[RedisHistory.GROUP_DELIVERED_MS] = 1000 + i;
            ring.add((fromMinute + i) * MINUTE, values);
        }
        return ring.samples();
    }

    @Test
    void aGroupCreatedFarBehindTheTailWhileWatchedIsReplay() {
        assertTrue(RedisProfiler.createdFarBehind(group(5, 80, 70, 60), stream(100, 10), 0.5));
    }

    @Test
    void aGroupThatStoppedAndFellBehindIsNotReplay() {
        // There from the start, caught up, then stopped: a health finding (stalled), not replay.
        assertFalse(RedisProfiler.createdFarBehind(group(0, 0, 0, 30, 60, 90), stream(100, 10), 0.5));
    }

    @Test
    void aGroupCreatedNearTheTailIsNotReplay() {
        assertFalse(RedisProfiler.createdFarBehind(group(5, 10, 5, 0), stream(100, 10), 0.5));
    }

    @Test
    void onlyConsumersActiveWithinTheWindowCount() {
        // XINFO GROUPS counts every consumer name ever used: pods with random names pile up.
        List<RedisConsumerSnapshot> consumers = List.of(
                new RedisConsumerSnapshot("pod-a", 3, 5.0, 5.0),
                new RedisConsumerSnapshot("pod-b", 0, 30.0, 30.0),
                new RedisConsumerSnapshot("pod-gone-1", 0, 7_200.0, 7_200.0),
                new RedisConsumerSnapshot("pod-gone-2", 0, 86_400.0, 86_400.0));
        RedisGroupSnapshot group = new RedisGroupSnapshot("g", 4, 3, 10L, 10.0, 7L, "1-1", 1.0, 1L, 0L, consumers);
        assertEquals(2, RedisProfiler.consumersActiveWithin(group, Duration.ofHours(1)));
    }
}
