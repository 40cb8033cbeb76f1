package dev.streamfit.api;

import java.util.List;

/**
 * A topic as the API shows it: the snapshot's figures plus rates from the history.
 *
 * @param recordsPerSecond Δ(sum of log-end offsets) ÷ Δt over the history window; null with fewer than two samples
 * @param bytesPerSecond   Δ(size of the leader replicas) ÷ Δt; null likewise (and negative when retention deletes faster than writes add)
 * @param groups           consumer groups with committed offsets on the topic
 */
public record KafkaTopicView(String topic, int partitions, int replicationFactor, Long retentionMs, Long retentionBytes, String cleanupPolicy,
        Integer minInsyncReplicas, Long sizeBytes, Long sizeBytesWithReplicas, Double recordsPerSecond, Double bytesPerSecond,
        Double oldestRecordAgeSeconds, long underReplicatedPartitions, long offlinePartitions, List<String> groups) {
}
