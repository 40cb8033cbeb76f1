package dev.streamfit.kafka;

/**
 * One partition of a topic. Offsets are null when the partition has no leader to ask; sizes when
 * the log dirs could not be described.
 *
 * @param oldestRecordTimestamp timestamp (ms) of the oldest retained record: ListOffsets for
 *                              timestamp 0; null for an empty partition
 * @param sizeBytes             size of the leader's replica
 */
public record KafkaPartitionSnapshot(int partition, Integer leader, int replicas, int inSyncReplicas, Long logStartOffset,
        Long logEndOffset, Long oldestRecordTimestamp, Long sizeBytes) {

    public boolean offline() {
        return leader == null;
    }

    public boolean underReplicated() {
        return inSyncReplicas < replicas;
    }
}
