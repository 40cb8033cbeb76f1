package dev.streamfit.advisor;

import java.util.List;

/**
 * What the history says about one Kafka topic over the advisor window.
 *
 * @param retainedRecords  sum over partitions of log end − log start; null when a partition's offsets are unknown
 * @param bytesPerRecord   on-disk (compressed) size ÷ retained records; null when either is unknown
 * @param activeGroups     groups with members on the topic or whose committed offsets moved in the window
 * @param groupsAtTail     groups whose lag stayed within a few seconds of writes for the whole window
 * @param activeConsumers  the most members any active group has
 */
public record KafkaTopicProfile(String topic, int partitions, Long retentionMs, String cleanupPolicy, Double writeRateMean,
        Double writeRatePeak, Long retainedRecords, Long retainedBytes, Double bytesPerRecord, Double oldestAgeSeconds, List<String> groups,
        List<String> activeGroups, List<String> rewoundGroups, List<String> farBehindGroups, List<String> groupsAtTail,
        int activeConsumers) {
}
