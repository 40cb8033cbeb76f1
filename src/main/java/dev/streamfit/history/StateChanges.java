package dev.streamfit.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.streamfit.poll.TargetId;

/**
 * When a discrete state of a workload or group changed — a verdict, a lag status — over
 * {@code streamfit.advisor.window}: what the report page marks on its charts. A sample ring holds
 * numbers; a state changes seldom, so only its changes are kept: a state that holds costs one entry,
 * however many polls see it. Changes older than the window go when the next one is recorded. Kept
 * per target, like the rings, so that a target's evaluation forgets only its own.
 *
 * <p>Written by the stage that decides the state (in the target's evaluation lane), read by the API on
 * any thread: each key's entry is its own lock.
 *
 * @param <K> what the state belongs to: a workload name, a group on a topic
 */
public final class StateChanges<K> {

    /** One change: at {@code at} the state went from {@code from} to {@code to}. */
    public record Change(Instant at, String from, String to) {
    }

    /**
     * Changes kept per key at most, however often a state flaps within the window: two per bucket of
     * the history, more than a chart can mark legibly.
     */
    static final int MAX_CHANGES = 2 * SampleRing.BUCKETS_PER_WINDOW;

    /** A key's current state and its changes within the window, oldest first. */
    private static final class Timeline {
        private String state;
        private ArrayDeque<Change> changes;
    }

    private final Map<TargetId, Map<K, Timeline>> byTarget = new ConcurrentHashMap<>();

    /**
     * Records the state observed at {@code at}: a change when it differs from the state recorded
     * before. The first state recorded for a key is no change: nothing was known before it.
     */
    public void record(TargetId target, K key, String state, Instant at, Duration window) {
        Timeline timeline = byTarget.computeIfAbsent(target, t -> new ConcurrentHashMap<>()).computeIfAbsent(key, k -> new Timeline());
        synchronized (timeline) {
            if (timeline.state != null && !timeline.state.equals(state)) {
                if (timeline.changes == null) {
                    timeline.changes = new ArrayDeque<>(2);
                }
                timeline.changes.addLast(new Change(at, timeline.state, state));
            }
            timeline.state = state;
            if (timeline.changes != null) {
                Instant cutoff = at.minus(window);
                while (!timeline.changes.isEmpty() && (timeline.changes.peekFirst().at().isBefore(cutoff)
                        || timeline.changes.size() > MAX_CHANGES)) {
                    timeline.changes.removeFirst();
                }
            }
        }
    }

    /** The key's changes within the window, oldest first; empty when none or when the key is unknown. */
    public List<Change> changes(TargetId target, K key) {
        Map<K, Timeline> timelines = byTarget.get(target);
        Timeline timeline = timelines == null ? null : timelines.get(key);
        if (timeline == null) {
            return List.of();
        }
        synchronized (timeline) {
            return timeline.changes == null ? List.of() : List.copyOf(timeline.changes);
        }
    }

    /**
     * Drops the target's keys that a successful listing no longer contains. {@code listed} includes
     * the stale ones: not seen this poll, but not known to be gone either.
     */
    public void retain(TargetId target, Set<K> listed) {
        Map<K, Timeline> timelines = byTarget.get(target);
        if (timelines != null) {
            timelines.keySet().retainAll(listed);
        }
    }
}
