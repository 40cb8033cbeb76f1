package dev.streamfit.kafka;

import java.util.List;

import dev.streamfit.poll.Staleness;

/**
 * One topic as a poll saw it, or as an earlier poll saw it when this one could not list or describe
 * it ({@code staleReason}).
 *
 * @param config                   null when its configs could not be described (e.g. no DescribeConfigs ACL)
 * @param sizeBytes                leader replicas only: the data once
 * @param sizeBytesWithReplicas    every replica: what the disks hold
 * @param staleReason              why this poll could not list or describe the topic; null when it did
 */
public record KafkaTopicSnapshot(String topic, int replicationFactor, KafkaTopicConfig config, Long sizeBytes,
        Long sizeBytesWithReplicas, List<KafkaPartitionSnapshot> partitions, String staleReason) implements Staleness<KafkaTopicSnapshot> {

    public long offlinePartitions() {
        return partitions.stream().filter(KafkaPartitionSnapshot::offline).count();
    }

    public long underReplicatedPartitions() {
        return partitions.stream().filter(p -> !p.offline() && p.underReplicated()).count();
    }

    @Override
    public KafkaTopicSnapshot stale(String reason) {
        return new KafkaTopicSnapshot(topic, replicationFactor, config, sizeBytes, sizeBytesWithReplicas, partitions, reason);
    }
}
