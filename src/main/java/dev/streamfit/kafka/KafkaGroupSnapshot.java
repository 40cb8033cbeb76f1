package dev.streamfit.kafka;

import java.util.List;

import dev.streamfit.poll.Staleness;

/**
 * One consumer group: its state, members and committed offsets on the watched topics — as a poll saw
 * it, or as an earlier poll saw it when this one could not list or describe it ({@code staleReason}).
 *
 * @param assigned    partitions that a member of the group currently owns
 * @param staleReason why this poll could not list the group, describe it or read its offsets; null when it did
 */
public record KafkaGroupSnapshot(String group, String state, int members, List<Committed> committed, List<TopicPartitionRef> assigned,
        String staleReason) implements Staleness<KafkaGroupSnapshot> {

    /** A committed offset; {@code offset} null when the group has none for that partition. */
    public record Committed(String topic, int partition, Long offset) {
    }

    public record TopicPartitionRef(String topic, int partition) {
    }

    @Override
    public KafkaGroupSnapshot stale(String reason) {
        return new KafkaGroupSnapshot(group, state, members, committed, assigned, reason);
    }
}
