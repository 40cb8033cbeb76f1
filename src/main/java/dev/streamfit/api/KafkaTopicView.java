package dev.streamfit.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.streamfit.poll.Staleness;

/**
 * A topic as the API shows it: the snapshot's figures plus rates from the history.
 *
 * @param recordsPerSecond Δ(sum of log-end offsets) ÷ Δt over the history window; null with fewer than two samples
 * @param bytesPerSecond   Δ(size of the leader replicas) ÷ Δt; null likewise (and negative when retention deletes faster than writes add)
 * @param groups           consumer groups with committed offsets on the topic
 * @param staleReason      why the last poll could not list or describe the topic: the figures are an earlier poll's; null when fresh
 */
public record KafkaTopicView(String topic, int partitions, int replicationFactor, Long retentionMs, Long retentionBytes, String cleanupPolicy,
        Integer minInsyncReplicas, Long sizeBytes, Long sizeBytesWithReplicas, Double recordsPerSecond, Double bytesPerSecond,
        Double oldestRecordAgeSeconds, long underReplicatedPartitions, long offlinePartitions, List<String> groups, String staleReason) {

    /** Whether the figures are an earlier poll's, as for every workload ({@link Staleness}). */
    @JsonProperty("stale")
    public boolean stale() {
        return staleReason != null;
    }
}
