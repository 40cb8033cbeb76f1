package dev.streamfit.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.streamfit.history.StateChanges;

/**
 * A Kafka topic's history over the window, as {@code GET /api/v1/workloads/kafka/{target}/{topic}/history}
 * answers it and the report page charts it: series as in {@link RedisStreamHistory} ({@code time} in
 * epoch milliseconds, null where unknown).
 *
 * @param topic          the topic's own figures
 * @param groups         one per consumer group with committed offsets on the topic, by name
 * @param verdictChanges when the verdict changed within the window, oldest first
 * @param staleReason    why the last poll could not see the topic; null when it did
 */
public record KafkaTopicHistory(String system, String target, String name, double windowSeconds, TopicSamples topic,
        List<GroupSamples> groups, List<StateChanges.Change> verdictChanges, String staleReason) {

    /**
     * @param recordsPerSecond records written per second since the sample before (Δ of the summed log-end
     *                         offsets); null for the first sample
     * @param retainedRecords  Σ(log end − log start) over the partitions
     * @param retainedBytes    size of the leader replicas
     */
    public record TopicSamples(long[] time, Double[] recordsPerSecond, Long[] retainedRecords, Long[] retainedBytes) {
    }

    /**
     * The group on this topic: at the polls every one of its partitions here was sampled at.
     *
     * @param lag           summed over its partitions of the topic; null where any is unknown (never a partial sum)
     * @param lagSeconds    its longest-waiting partition's, interpolated from the partitions' log-end history
     *                      as the live value is; null where a lagging partition's is unknown
     * @param rewinds       committed offsets that moved back within the window, per partition
     * @param statusChanges when its status on this topic (its worst partition's) changed, oldest first
     */
    public record GroupSamples(String group, long[] time, Long[] lag, Double[] lagSeconds, List<Rewind> rewinds,
            List<StateChanges.Change> statusChanges) {
    }

    /** A committed offset moved back between two polls: at {@code at} it was {@code to}, before it was {@code from}. */
    @Schema(name = "KafkaRewind")
    public record Rewind(Instant at, int partition, long from, long to) {
    }
}
