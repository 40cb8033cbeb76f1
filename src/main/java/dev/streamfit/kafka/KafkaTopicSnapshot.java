package dev.streamfit.kafka;

import java.util.List;

/**
 * One topic as a poll saw it.
 *
 * @param config                   null when its configs could not be described (e.g. no DescribeConfigs ACL)
 * @param sizeBytes                leader replicas only: the data once
 * @param sizeBytesWithReplicas    every replica: what the disks hold
 */
public record KafkaTopicSnapshot(String topic, int replicationFactor, KafkaTopicConfig config, Long sizeBytes,
        Long sizeBytesWithReplicas, List<KafkaPartitionSnapshot> partitions) {

    public long offlinePartitions() {
        return partitions.stream().filter(KafkaPartitionSnapshot::offline).count();
    }

    public long underReplicatedPartitions() {
        return partitions.stream().filter(p -> !p.offline() && p.underReplicated()).count();
    }
}
