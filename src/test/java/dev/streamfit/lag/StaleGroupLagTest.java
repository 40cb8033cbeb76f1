package dev.streamfit.lag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.streamfit.history.KafkaHistory;
import dev.streamfit.kafka.KafkaGroupSnapshot;
import dev.streamfit.kafka.KafkaPartitionSnapshot;
import dev.streamfit.kafka.KafkaTargetSnapshot;
import dev.streamfit.kafka.KafkaTopicSnapshot;
import dev.streamfit.poll.SystemKind;
import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.TargetPolled;
import dev.streamfit.poll.TargetStatus;
import dev.streamfit.support.TestConfig;

/**
 * The history and lag stages over polls built by hand (stop-after 3 s): a group that one poll could
 * not list is no new observation — its ring gets no sample and its last evaluation stands — so the
 * STOP clock runs on from where it was; a group a listing no longer has loses its ring and its clock.
 */
class StaleGroupLagTest {

    private static final TargetId TARGET = new TargetId(SystemKind.KAFKA, "main");
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final KafkaHistory history = new KafkaHistory(Duration.ofMinutes(10));
    private final KafkaLagService lag = new KafkaLagService();

    StaleGroupLagTest() {
        lag.history = history;
        lag.config = TestConfig.load(Map.of("streamfit.rules.kafka.stop-after", "3s"));
    }

    /** One poll at {@code second}: the topic's log end, and the group (committed at 2, no member) as given. */
    private KafkaGroupLag poll(long second, long logEnd, Optional<KafkaGroupSnapshot> group) {
        KafkaTopicSnapshot topic = new KafkaTopicSnapshot("orders", 1, null, null, null,
                List.of(new KafkaPartitionSnapshot(0, 1, 1, 1, 0L, logEnd, null, null)), null);
        Instant at = T0.plusSeconds(second);
        KafkaTargetSnapshot snapshot = new KafkaTargetSnapshot(TARGET, at, "c", 1, 1, List.of(topic), group.stream().toList(), List.of(),
                List.of());
        TargetPolled polled = new TargetPolled(new TargetStatus(SystemKind.KAFKA, "main", true, at, 0.1, null, false, List.of()),
                Optional.of(snapshot));
        history.evaluate(polled);
        lag.evaluate(polled);
        return lag.groups(TARGET).orElseThrow().stream().findFirst().orElse(null);
    }

    private static Optional<KafkaGroupSnapshot> billing(String staleReason) {
        return Optional.of(new KafkaGroupSnapshot("billing", "Empty", 0, List.of(new KafkaGroupSnapshot.Committed("orders", 0, 2L)), List.of(),
                staleReason));
    }

    private int samples() {
        return history.groupPartition(TARGET, "billing", "orders", 0).map(s -> s.size()).orElse(0);
    }

    @Test
    void aGroupThatOnePollCouldNotListKeepsItsStopClock() {
        assertEquals(LagStatus.OK, poll(0, 10, billing(null)).status(), "lag 8, just seen");
        assertEquals(LagStatus.STOP, poll(60, 20, billing(null)).status(), "committed unchanged for 60 s while the log end advanced");

        KafkaGroupLag kept = poll(120, 30, billing("Describe on Group (listGroups) failed: timed out"));
        assertEquals(LagStatus.STOP, kept.status(), "the last evaluation stands");
        assertEquals(18L, kept.lag(), "the last known lag, not one computed from an old offset and a new log end");
        assertEquals("Describe on Group (listGroups) failed: timed out", kept.staleReason());
        assertEquals(2, samples(), "no sample from the stale group");

        KafkaGroupLag back = poll(180, 40, billing(null));
        assertNull(back.staleReason());
        assertEquals(LagStatus.STOP, back.status(), "the clock ran on from 0 s");
        assertEquals(38L, back.lag());
    }

    @Test
    void aGroupThatASuccessfulListingNoLongerHasLosesItsRingAndClock() {
        poll(0, 10, billing(null));
        assertEquals(LagStatus.STOP, poll(60, 20, billing(null)).status());
        assertNull(poll(120, 30, Optional.empty()), "listed without it: gone");
        assertEquals(0, samples());
        assertEquals(LagStatus.OK, poll(180, 40, billing(null)).status(), "a group seen anew starts a new clock");
    }

    @Test
    void aGroupOnAStaleTopicKeepsItsPreviousPartitionResults() {
        poll(0, 10, billing(null));
        KafkaGroupLag before = poll(60, 20, billing(null));
        KafkaTopicSnapshot staleTopic = new KafkaTopicSnapshot("orders", 1, null, null, null,
                List.of(new KafkaPartitionSnapshot(0, 1, 1, 1, 0L, 20L, null, null)), "Describe on Topic failed: timed out");
        Instant at = T0.plusSeconds(120);
        TargetPolled polled = new TargetPolled(new TargetStatus(SystemKind.KAFKA, "main", true, at, 0.1, null, true, List.of()),
                Optional.of(new KafkaTargetSnapshot(TARGET, at, "c", 1, 1, List.of(staleTopic), billing(null).stream().toList(), List.of(),
                        List.of())));
        history.evaluate(polled);
        lag.evaluate(polled);
        KafkaGroupLag kept = lag.groups(TARGET).orElseThrow().get(0);
        assertEquals(before.partitions(), kept.partitions(), "its partitions of the stale topic as last evaluated");
        assertTrue(kept.stale(), "a group on a stale topic is stale too: its findings keep their state");
        assertEquals("Describe on Topic failed: timed out", kept.staleReason());
        assertEquals(2, samples());
    }
}
