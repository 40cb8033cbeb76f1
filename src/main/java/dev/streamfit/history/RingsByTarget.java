package dev.streamfit.history;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.streamfit.poll.TargetId;

/**
 * Sample rings of one kind (streams, groups, partitions…) kept per target, so that a target's
 * evaluation, which drops the rings of workloads its poll no longer lists, walks only its own rings:
 * with 60 targets in one service, one map over all of them would make every evaluation walk all.
 */
final class RingsByTarget<K> {

    private final Map<TargetId, Map<K, SampleRing>> byTarget = new ConcurrentHashMap<>();

    /** The workload's ring, created on first sight. */
    SampleRing ring(TargetId target, K key, SampleRing.Layout layout) {
        return byTarget.computeIfAbsent(target, t -> new ConcurrentHashMap<>()).computeIfAbsent(key, k -> new SampleRing(layout));
    }

    SampleRing get(TargetId target, K key) {
        Map<K, SampleRing> rings = byTarget.get(target);
        return rings == null ? null : rings.get(key);
    }

    /** What {@code reader} computes from the workload's samples read in place (see {@link SampleRing#read}); empty without a ring. */
    <R> Optional<R> read(TargetId target, K key, Function<? super SampleRing.Samples, ? extends R> reader) {
        SampleRing ring = get(target, key);
        return ring == null ? Optional.empty() : Optional.ofNullable(ring.read(reader));
    }

    /**
     * Drops the target's rings whose workload a successful listing no longer contains. {@code listed}
     * includes the stale workloads: not seen this poll, but not known to be gone either.
     */
    void retain(TargetId target, Set<K> listed) {
        Map<K, SampleRing> rings = byTarget.get(target);
        if (rings != null) {
            rings.keySet().retainAll(listed);
        }
    }
}
