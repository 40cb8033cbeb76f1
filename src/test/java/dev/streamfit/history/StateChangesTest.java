package dev.streamfit.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.streamfit.poll.SystemKind;
import dev.streamfit.poll.TargetId;

/** When a verdict or a lag status changed: only changes, within the window, per target. */
class StateChangesTest {

    static final TargetId TARGET = new TargetId(SystemKind.KAFKA, "main");
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(10);

    private final StateChanges<String> changes = new StateChanges<>();

    private void record(String key, String state, long minute) {
        changes.record(TARGET, key, state, T0.plus(Duration.ofMinutes(minute)), WINDOW);
    }

    @Test
    void theFirstStateIsNoChangeAndAStateThatHoldsIsKeptOnce() {
        record("billing", "OK", 0);
        record("billing", "OK", 1);
        assertEquals(List.of(), changes.changes(TARGET, "billing"));
        record("billing", "REWIND", 2);
        record("billing", "REWIND", 3);
        record("billing", "OK", 4);
        assertEquals(List.of(new StateChanges.Change(T0.plusSeconds(120), "OK", "REWIND"), new StateChanges.Change(T0.plusSeconds(240), "REWIND", "OK")),
                changes.changes(TARGET, "billing"));
    }

    @Test
    void changesOlderThanTheWindowGoWhenTheNextIsRecorded() {
        record("billing", "OK", 0);
        record("billing", "WARN", 1);
        record("billing", "OK", 5);
        record("billing", "STOP", 12);
        assertEquals(List.of(new StateChanges.Change(T0.plus(Duration.ofMinutes(5)), "WARN", "OK"),
                new StateChanges.Change(T0.plus(Duration.ofMinutes(12)), "OK", "STOP")), changes.changes(TARGET, "billing"),
                "the change at minute 1 is older than the 10-minute window at minute 12");
    }

    @Test
    void aStateFlappingWithinTheWindowKeepsItsLatestChangesOnly() {
        for (int i = 0; i < 3 * StateChanges.MAX_CHANGES; i++) {
            changes.record(TARGET, "billing", i % 2 == 0 ? "OK" : "WARN", T0.plusSeconds(i), WINDOW);
        }
        List<StateChanges.Change> kept = changes.changes(TARGET, "billing");
        assertEquals(StateChanges.MAX_CHANGES, kept.size());
        assertEquals(T0.plusSeconds(3 * StateChanges.MAX_CHANGES - 1), kept.get(kept.size() - 1).at());
    }

    @Test
    void keysAListingNoLongerHasAreForgottenAndUnknownKeysHaveNoChanges() {
        record("billing", "OK", 0);
        record("billing", "WARN", 1);
        record("search", "OK", 0);
        record("search", "STOP", 1);
        changes.retain(TARGET, Set.of("search"));
        assertEquals(List.of(), changes.changes(TARGET, "billing"));
        assertEquals(1, changes.changes(TARGET, "search").size());
        assertEquals(List.of(), changes.changes(new TargetId(SystemKind.KAFKA, "other"), "search"));
    }
}
