package dev.streamfit.history;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.kafka.KafkaGroupSnapshot;
import dev.streamfit.kafka.KafkaLag;
import dev.streamfit.kafka.KafkaPartitionSnapshot;
import dev.streamfit.kafka.KafkaTargetSnapshot;
import dev.streamfit.kafka.KafkaTopicSnapshot;
import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.Stage;
import dev.streamfit.poll.StageName;
import dev.streamfit.poll.TargetPolled;

/**
 * A bounded history over {@code streamfit.advisor.window} of every Kafka partition (log start and
 * end offsets: what time lag is interpolated from), topic (summed log end and size: rates) and
 * group-partition (committed offset and lag: the lag evaluation's window). Deleted topics and groups
 * are forgotten. Group-partitions get fewer samples than partitions: there are ten times as many.
 */
@ApplicationScoped
public class KafkaHistory implements Stage {

    static final int PARTITION_CAPACITY = 120;
    static final int GROUP_CAPACITY = 48;

    public static final int PARTITION_LOG_END = 0, PARTITION_LOG_START = 1;
    public static final int TOPIC_LOG_END_SUM = 0, TOPIC_SIZE = 1;
    public static final int GROUP_COMMITTED = 0, GROUP_LAG = 1;

    public record PartitionKey(TargetId target, String topic, int partition) {
    }

    public record TopicKey(TargetId target, String topic) {
    }

    public record GroupPartitionKey(TargetId target, String group, String topic, int partition) {
    }

    private final Map<PartitionKey, SampleRing> partitions = new ConcurrentHashMap<>();
    private final Map<TopicKey, SampleRing> topics = new ConcurrentHashMap<>();
    private final Map<GroupPartitionKey, SampleRing> groups = new ConcurrentHashMap<>();
    private final Duration window;

    @Inject
    KafkaHistory(StreamFitConfig config) {
        this(config.advisor().window());
    }

    public KafkaHistory(Duration window) {
        this.window = window;
    }

    @Override
    public StageName stage() {
        return StageName.HISTORY;
    }

    @Override
    public void evaluate(TargetPolled event) {
        event.snapshot().filter(KafkaTargetSnapshot.class::isInstance).map(KafkaTargetSnapshot.class::cast).ifPresent(this::record);
    }

    public void record(KafkaTargetSnapshot snapshot) {
        long now = snapshot.collectedAt().toEpochMilli();
        long cutoff = now - window.toMillis();
        TargetId target = snapshot.target();
        Set<PartitionKey> seenPartitions = new HashSet<>();
        Set<TopicKey> seenTopics = new HashSet<>();
        Map<PartitionKey, KafkaPartitionSnapshot> byPartition = new java.util.HashMap<>();
        for (KafkaTopicSnapshot topic : snapshot.topics()) {
            TopicKey topicKey = new TopicKey(target, topic.topic());
            seenTopics.add(topicKey);
            double sum = 0;
            boolean known = true;
            for (KafkaPartitionSnapshot p : topic.partitions()) {
                PartitionKey key = new PartitionKey(target, topic.topic(), p.partition());
                seenPartitions.add(key);
                byPartition.put(key, p);
                add(partitions, key, PARTITION_CAPACITY, now, cutoff, SampleRing.valueOf(p.logEndOffset()), SampleRing.valueOf(p.logStartOffset()));
                known &= p.logEndOffset() != null;
                sum += p.logEndOffset() == null ? 0 : p.logEndOffset();
            }
            add(topics, topicKey, PARTITION_CAPACITY, now, cutoff, known ? sum : Double.NaN, SampleRing.valueOf(topic.sizeBytes()));
        }
        Set<GroupPartitionKey> seenGroups = new HashSet<>();
        for (KafkaGroupSnapshot group : snapshot.groups()) {
            for (KafkaGroupSnapshot.Committed c : group.committed()) {
                GroupPartitionKey key = new GroupPartitionKey(target, group.group(), c.topic(), c.partition());
                KafkaPartitionSnapshot p = byPartition.get(new PartitionKey(target, c.topic(), c.partition()));
                if (p == null) {
                    continue;
                }
                seenGroups.add(key);
                Long lag = KafkaLag.of(c.offset(), p.logStartOffset(), p.logEndOffset());
                add(groups, key, GROUP_CAPACITY, now, cutoff, SampleRing.valueOf(c.offset()), SampleRing.valueOf(lag));
            }
        }
        partitions.keySet().removeIf(k -> k.target().equals(target) && !seenPartitions.contains(k));
        topics.keySet().removeIf(k -> k.target().equals(target) && !seenTopics.contains(k));
        groups.keySet().removeIf(k -> k.target().equals(target) && !seenGroups.contains(k));
    }

    private <K> void add(Map<K, SampleRing> rings, K key, int capacity, long now, long cutoff, double... values) {
        SampleRing ring = rings.computeIfAbsent(key, k -> new SampleRing(capacity, values.length, window.toMillis() / capacity));
        ring.add(now, values);
        ring.expire(cutoff);
    }

    public Optional<SampleRing.Samples> partition(TargetId target, String topic, int partition) {
        return Optional.ofNullable(partitions.get(new PartitionKey(target, topic, partition))).map(SampleRing::samples);
    }

    public Optional<SampleRing.Samples> topic(TargetId target, String topic) {
        return Optional.ofNullable(topics.get(new TopicKey(target, topic))).map(SampleRing::samples);
    }

    public Optional<SampleRing.Samples> groupPartition(TargetId target, String group, String topic, int partition) {
        return Optional.ofNullable(groups.get(new GroupPartitionKey(target, group, topic, partition))).map(SampleRing::samples);
    }
}
