package dev.streamfit.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

/** Builds {@link KafkaTopicProfile}s from a Kafka target's latest snapshot, its history and its lag evaluation. */
@ApplicationScoped
public class KafkaProfiler {

    /** A group "at the tail" never lagged more than this many seconds of writes (or 10 records). */
    static final double TAIL_SECONDS = 30;

    @Inject
    KafkaHistory history;
    @Inject
    StreamFitConfig config;

    List<KafkaTopicProfile> profiles(KafkaTargetSnapshot snapshot, List<KafkaGroupLag> lags) {
        List<KafkaTopicProfile> profiles = new ArrayList<>();
        for (KafkaTopicSnapshot topic : snapshot.topics()) {
            profiles.add(profile(snapshot, topic, lags));
        }
        return profiles;
    }

    private KafkaTopicProfile profile(KafkaTargetSnapshot snapshot, KafkaTopicSnapshot topic, List<KafkaGroupLag> lags) {
        Optional<SampleRing.Samples> samples = history.topic(snapshot.target(), topic.topic());
        Double peak = samples.map(s -> Rates.peak(s, KafkaHistory.TOPIC_LOG_END_SUM)).orElse(null);
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
        for (KafkaGroupSnapshot group : snapshot.groups()) {
            List<KafkaGroupSnapshot.Committed> onTopic = group.committed().stream().filter(c -> c.topic().equals(topic.topic())).toList();
            if (onTopic.isEmpty()) {
                continue;
            }
            groups.add(group.group());
            boolean assigned = group.assigned().stream().anyMatch(a -> a.topic().equals(topic.topic()));
            boolean moved = false;
            boolean wentBack = false;
            boolean tail = true;
            for (KafkaGroupSnapshot.Committed c : onTopic) {
                Optional<SampleRing.Samples> gp = history.groupPartition(snapshot.target(), group.group(), c.topic(), c.partition());
                moved |= gp.map(s -> Rates.moved(s, KafkaHistory.GROUP_COMMITTED)).orElse(false);
                wentBack |= gp.map(s -> Rates.everDecreased(s, KafkaHistory.GROUP_COMMITTED)).orElse(false);
                tail &= gp.map(s -> maxOf(s, KafkaHistory.GROUP_LAG) <= tailTolerance).orElse(false);
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
            Long lag = lags.stream().filter(g -> g.group().equals(group.group())).findFirst().map(g -> g.lagOn(topic.topic())).orElse(null);
            if (lag != null && retained != null && retained > 0 && lag >= config.advisor().replayBehindShare() * retained) {
                farBehind.add(group.group());
            }
        }
        long now = snapshot.collectedAt().toEpochMilli();
        return new KafkaTopicProfile(topic.topic(), topic.partitions().size(),
                topic.config() == null ? null : topic.config().retentionMs(),
                topic.config() == null ? null : topic.config().cleanupPolicy(),
                samples.map(s -> Rates.mean(s, KafkaHistory.TOPIC_LOG_END_SUM)).orElse(null), peak,
                retained, topic.sizeBytes(),
                topic.sizeBytes() == null || retained == null || retained == 0 ? null : (double) topic.sizeBytes() / retained,
                oldest == null ? null : Math.max(0, now - oldest) / 1000.0,
                groups, active, rewound, farBehind, atTail, activeConsumers);
    }

    private static double maxOf(SampleRing.Samples s, int column) {
        double max = 0;
        for (double[] v : s.values()) {
            max = Double.isNaN(v[column]) ? Double.POSITIVE_INFINITY : Math.max(max, v[column]);
        }
        return max;
    }
}
