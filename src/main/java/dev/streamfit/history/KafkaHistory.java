package dev.streamfit.history;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

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
 * A history over {@code streamfit.advisor.window} of every Kafka partition (log-end offset: what time
 * lag is interpolated from), topic (summed log end and size: rates) and group-partition (committed
 * offset and lag: the lag evaluation's window). Topics and groups that a successful listing no
 * longer contains are forgotten; stale ones (a listing or describe failed) keep their rings and get
 * no sample, and neither does a group on a stale topic: the lag would be measured against an
 * earlier poll's log end.
 */
@ApplicationScoped
public class KafkaHistory implements Stage {

    public static final int PARTITION_LOG_END = 0;
    /** Columns of a topic sample; retained records are Σ(log end − log start), for the report page's charts. */
    public static final int TOPIC_LOG_END_SUM = 0, TOPIC_SIZE = 1, TOPIC_RETAINED_RECORDS = 2;
    public static final int GROUP_COMMITTED = 0, GROUP_LAG = 1;
    private static final int PARTITION_COLUMNS = 1, TOPIC_COLUMNS = 3, GROUP_COLUMNS = 2;

    public record PartitionKey(TargetId target, String topic, int partition) {
    }

    public record TopicKey(TargetId target, String topic) {
    }

    public record GroupPartitionKey(TargetId target, String group, String topic, int partition) {
    }

    private final RingsByTarget<PartitionKey> partitions = new RingsByTarget<>();
    private final RingsByTarget<TopicKey> topics = new RingsByTarget<>();
    private final RingsByTarget<GroupPartitionKey> groups = new RingsByTarget<>();
    private final SampleRing.Layout partitionLayout;
    private final SampleRing.Layout topicLayout;
    private final SampleRing.Layout groupLayout;

    @Inject
    KafkaHistory(StreamFitConfig config) {
        this(config.advisor().window());
    }

    public KafkaHistory(Duration window) {
        partitionLayout = new SampleRing.Layout(PARTITION_COLUMNS, window);
        topicLayout = new SampleRing.Layout(TOPIC_COLUMNS, window);
        groupLayout = new SampleRing.Layout(GROUP_COLUMNS, window).withPosition(GROUP_COMMITTED);
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
        TargetId target = snapshot.target();
        Set<PartitionKey> seenPartitions = new HashSet<>();
        Set<TopicKey> seenTopics = new HashSet<>();
        Map<PartitionKey, KafkaPartitionSnapshot> byPartition = new java.util.HashMap<>();
        Set<String> staleTopics = new HashSet<>();
        for (KafkaTopicSnapshot topic : snapshot.topics()) {
            TopicKey topicKey = new TopicKey(target, topic.topic());
            seenTopics.add(topicKey);
            if (topic.stale()) {
                staleTopics.add(topic.topic());
            }
            long logEndSum = 0;
            long retained = 0;
            boolean known = true;
            boolean retainedKnown = true;
            for (KafkaPartitionSnapshot p : topic.partitions()) {
                PartitionKey key = new PartitionKey(target, topic.topic(), p.partition());
                seenPartitions.add(key);
                byPartition.put(key, p);
                if (!topic.stale()) {
                    add(partitions, target, key, partitionLayout, now, SampleRing.valueOf(p.logEndOffset()));
                }
                known &= p.logEndOffset() != null;
                logEndSum += p.logEndOffset() == null ? 0 : p.logEndOffset();
                retainedKnown &= p.logEndOffset() != null && p.logStartOffset() != null;
                retained += retainedKnown ? p.logEndOffset() - p.logStartOffset() : 0;
            }
            if (!topic.stale()) {
                add(topics, target, topicKey, topicLayout, now, known ? logEndSum : SampleRing.UNKNOWN, SampleRing.valueOf(topic.sizeBytes()),
                        retainedKnown ? retained : SampleRing.UNKNOWN);
            }
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
                if (group.stale() || staleTopics.contains(c.topic())) {
                    continue;
                }
                Long lag = KafkaLag.of(c.offset(), p.logStartOffset(), p.logEndOffset());
                add(groups, target, key, groupLayout, now, SampleRing.valueOf(c.offset()), SampleRing.valueOf(lag));
            }
        }
        partitions.retain(target, seenPartitions);
        topics.retain(target, seenTopics);
        groups.retain(target, seenGroups);
    }

    private static <K> void add(RingsByTarget<K> rings, TargetId target, K key, SampleRing.Layout layout, long now, long... values) {
        rings.ring(target, key, layout).add(now, values);
    }

    /*
     * Two ways to read: a copy (partition, topic, groupPartition), to keep or to read on any thread; or
     * in place (readPartition, readTopic, readGroupPartition), for the evaluation stages, which run in
     * the target's lane after this stage recorded the poll and read tens of thousands of rings per poll.
     */

    public <R> Optional<R> readPartition(TargetId target, String topic, int partition, Function<? super SampleRing.Samples, ? extends R> reader) {
        return partitions.read(target, new PartitionKey(target, topic, partition), reader);
    }

    public <R> Optional<R> readTopic(TargetId target, String topic, Function<? super SampleRing.Samples, ? extends R> reader) {
        return topics.read(target, new TopicKey(target, topic), reader);
    }

    public <R> Optional<R> readGroupPartition(TargetId target, String group, String topic, int partition,
            Function<? super SampleRing.Samples, ? extends R> reader) {
        return groups.read(target, new GroupPartitionKey(target, group, topic, partition), reader);
    }

    public Optional<SampleRing.Samples> partition(TargetId target, String topic, int partition) {
        return Optional.ofNullable(partitions.get(target, new PartitionKey(target, topic, partition))).map(SampleRing::samples);
    }

    public Optional<SampleRing.Samples> topic(TargetId target, String topic) {
        return Optional.ofNullable(topics.get(target, new TopicKey(target, topic))).map(SampleRing::samples);
    }

    public Optional<SampleRing.Samples> groupPartition(TargetId target, String group, String topic, int partition) {
        return Optional.ofNullable(groups.get(target, new GroupPartitionKey(target, group, topic, partition))).map(SampleRing::samples);
    }
}
