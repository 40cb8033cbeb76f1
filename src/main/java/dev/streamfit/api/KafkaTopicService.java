package dev.streamfit.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.history.KafkaHistory;
import dev.streamfit.history.SampleRing;
import dev.streamfit.history.SnapshotStore;
import dev.streamfit.kafka.KafkaGroupSnapshot;
import dev.streamfit.kafka.KafkaPartitionSnapshot;
import dev.streamfit.kafka.KafkaTargetSnapshot;
import dev.streamfit.kafka.KafkaTopicConfig;
import dev.streamfit.kafka.KafkaTopicSnapshot;
import dev.streamfit.poll.TargetId;
import dev.streamfit.history.Rates;

/** The topics of a Kafka target with their rates, for the API and the metrics. */
@ApplicationScoped
public class KafkaTopicService {

    @Inject
    SnapshotStore snapshots;
    @Inject
    KafkaHistory history;

    /** Empty while the target has no current snapshot. */
    public Optional<List<KafkaTopicView>> topics(TargetId target) {
        return snapshots.latest(target, KafkaTargetSnapshot.class).map(this::views);
    }

    List<KafkaTopicView> views(KafkaTargetSnapshot snapshot) {
        long now = snapshot.collectedAt().toEpochMilli();
        List<KafkaTopicView> views = new ArrayList<>();
        // One pass over the committed offsets, not one per topic: 250 topics × 500 groups add up.
        Map<String, TreeSet<String>> groupsByTopic = new HashMap<>();
        for (KafkaGroupSnapshot group : snapshot.groups()) {
            for (KafkaGroupSnapshot.Committed c : group.committed()) {
                groupsByTopic.computeIfAbsent(c.topic(), t -> new TreeSet<>()).add(group.group());
            }
        }
        for (KafkaTopicSnapshot topic : snapshot.topics()) {
            TreeSet<String> groups = groupsByTopic.getOrDefault(topic.topic(), new TreeSet<>());
            Long oldest = topic.partitions().stream().map(KafkaPartitionSnapshot::oldestRecordTimestamp).filter(t -> t != null)
                    .min(Long::compare).orElse(null);
            Optional<SampleRing.Samples> samples = history.topic(snapshot.target(), topic.topic());
            KafkaTopicConfig config = topic.config();
            views.add(new KafkaTopicView(topic.topic(), topic.partitions().size(), topic.replicationFactor(),
                    config == null ? null : config.retentionMs(), config == null ? null : config.retentionBytes(),
                    config == null ? null : config.cleanupPolicy(), config == null ? null : config.minInsyncReplicas(),
                    topic.sizeBytes(), topic.sizeBytesWithReplicas(),
                    samples.map(s -> Rates.mean(s, KafkaHistory.TOPIC_LOG_END_SUM)).orElse(null),
                    samples.map(s -> Rates.mean(s, KafkaHistory.TOPIC_SIZE)).orElse(null),
                    oldest == null ? null : Math.max(0, now - oldest) / 1000.0,
                    topic.underReplicatedPartitions(), topic.offlinePartitions(), List.copyOf(groups), topic.staleReason()));
        }
        return views;
    }
}
