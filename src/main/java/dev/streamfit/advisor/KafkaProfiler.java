package dev.streamfit.advisor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.history.KafkaHistory;
import dev.streamfit.history.SampleRing;
import dev.streamfit.kafka.KafkaGroupSnapshot;
import dev.streamfit.kafka.KafkaPartitionSnapshot;
import dev.streamfit.kafka.KafkaTargetSnapshot;
import dev.streamfit.kafka.KafkaTopicSnapshot;
import dev.streamfit.history.Rates;
import dev.streamfit.lag.KafkaGroupLag;
import dev.streamfit.poll.TargetId;

/** Builds {@link KafkaTopicProfile}s from a Kafka target's latest snapshot, its history and its lag evaluation. */
@ApplicationScoped
public class KafkaProfiler {

    /** A group "at the tail" never lagged more than this many seconds of writes (or 10 records). */
    static final double TAIL_SECONDS = 30;

    @Inject
    KafkaHistory history;
    @Inject
    StreamFitConfig config;

    /** A group's committed offsets on one topic, and whether a member is assigned a partition of it. */
    private record GroupOnTopic(KafkaGroupSnapshot group, List<KafkaGroupSnapshot.Committed> committed, boolean assigned) {
    }

    List<KafkaTopicProfile> profiles(KafkaTargetSnapshot snapshot, List<KafkaGroupLag> lags) {
        // Indexed once: per topic its groups in the snapshot's order, per group its lag. Looking them
        // up per topic walked every group's offsets for every topic (250 topics × 500 groups × 100).
        Map<String, List<GroupOnTopic>> groupsByTopic = new HashMap<>();
        for (KafkaGroupSnapshot group : snapshot.groups()) {
            Map<String, List<KafkaGroupSnapshot.Committed>> byTopic = new LinkedHashMap<>();
            group.committed().forEach(c -> byTopic.computeIfAbsent(c.topic(), t -> new ArrayList<>()).add(c));
            Set<String> assigned = new HashSet<>();
            group.assigned().forEach(a -> assigned.add(a.topic()));
            byTopic.forEach((topic, committed) -> groupsByTopic.computeIfAbsent(topic, t -> new ArrayList<>())
                    .add(new GroupOnTopic(group, committed, assigned.contains(topic))));
        }
        Map<String, KafkaGroupLag> lagByGroup = new HashMap<>();
        lags.forEach(g -> lagByGroup.putIfAbsent(g.group(), g));
        List<KafkaTopicProfile> profiles = new ArrayList<>();
        for (KafkaTopicSnapshot topic : snapshot.topics()) {
            profiles.add(profile(snapshot, topic, groupsByTopic.getOrDefault(topic.topic(), List.of()), lagByGroup));
        }
        return profiles;
    }

    private KafkaTopicProfile profile(KafkaTargetSnapshot snapshot, KafkaTopicSnapshot topic, List<GroupOnTopic> groupsOnTopic,
            Map<String, KafkaGroupLag> lagByGroup) {
        TargetId target = snapshot.target();
        Double peak = history.readTopic(target, topic.topic(), s -> Rates.peak(s, KafkaHistory.TOPIC_LOG_END_SUM)).orElse(null);
        // Unknown, not 0, as soon as one partition's offsets are unknown (offline, no leader): an
        // offline topic is not an empty one.
        Long retained = 0L;
        Long oldest = null;
        for (KafkaPartitionSnapshot p : topic.partitions()) {
            if (p.logEndOffset() != null && p.logStartOffset() != null) {
                retained = retained == null ? null : retained + p.logEndOffset() - p.logStartOffset();
            } else {
                retained = null;
            }
            if (p.oldestRecordTimestamp() != null) {
                oldest = oldest == null ? p.oldestRecordTimestamp() : Math.min(oldest, p.oldestRecordTimestamp());
            }
        }
        double tailTolerance = Math.max(10, (peak == null ? 0 : peak) * TAIL_SECONDS);
        List<String> groups = new ArrayList<>();
        List<String> active = new ArrayList<>();
        List<String> rewound = new ArrayList<>();
        List<String> farBehind = new ArrayList<>();
        List<String> atTail = new ArrayList<>();
        int activeConsumers = 0;
        for (GroupOnTopic on : groupsOnTopic) {
            KafkaGroupSnapshot group = on.group();
            groups.add(group.group());
            boolean assigned = on.assigned();
            boolean moved = false;
            boolean wentBack = false;
            boolean tail = true;
            for (KafkaGroupSnapshot.Committed c : on.committed()) {
                PartitionMoves moves = history.readGroupPartition(target, group.group(), c.topic(), c.partition(),
                        s -> new PartitionMoves(Rates.moved(s, KafkaHistory.GROUP_COMMITTED), Rates.everDecreased(s, KafkaHistory.GROUP_COMMITTED),
                                maxOf(s, KafkaHistory.GROUP_LAG) <= tailTolerance))
                        .orElse(PartitionMoves.NO_HISTORY);
                moved |= moves.moved();
                wentBack |= moves.wentBack();
                tail &= moves.atTail();
            }
            if (assigned || moved) {
                active.add(group.group());
                activeConsumers = Math.max(activeConsumers, Math.max(group.members(), assigned ? 1 : 0));
            }
            if (wentBack) {
                rewound.add(group.group());
            }
            if (tail) {
                atTail.add(group.group());
            }
            KafkaGroupLag groupLag = lagByGroup.get(group.group());
            Long lag = groupLag == null ? null : groupLag.lagOn(topic.topic());
            if (lag != null && retained != null && retained > 0 && lag >= config.advisor().replayBehindShare() * retained) {
                farBehind.add(group.group());
            }
        }
        long now = snapshot.collectedAt().toEpochMilli();
        return new KafkaTopicProfile(topic.topic(), topic.partitions().size(),
                topic.config() == null ? null : topic.config().retentionMs(),
                topic.config() == null ? null : topic.config().cleanupPolicy(),
                history.readTopic(target, topic.topic(), s -> Rates.mean(s, KafkaHistory.TOPIC_LOG_END_SUM)).orElse(null), peak,
                retained, topic.sizeBytes(),
                topic.sizeBytes() == null || retained == null || retained == 0 ? null : (double) topic.sizeBytes() / retained,
                oldest == null ? null : Math.max(0, now - oldest) / 1000.0,
                groups, active, rewound, farBehind, atTail, activeConsumers);
    }

    /** What a group-partition's history says of its committed offset and lag. */
    private record PartitionMoves(boolean moved, boolean wentBack, boolean atTail) {
        static final PartitionMoves NO_HISTORY = new PartitionMoves(false, false, false);
    }

    /** The largest value of the column; infinite when one is unknown (an unknown lag is no tail). */
    private static double maxOf(SampleRing.Samples s, int column) {
        double max = 0;
        for (int i = 0; i < s.size(); i++) {
            if (!s.known(i, column)) {
                return Double.POSITIVE_INFINITY;
            }
            max = Math.max(max, s.exact(i, column));
        }
        return max;
    }
}
