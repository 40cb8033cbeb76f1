package dev.streamfit.kafka;

import java.util.List;

/**
 * One consumer group: its state, members and committed offsets on the watched topics.
 *
 * @param assigned partitions that a member of the group currently owns
 */
public record KafkaGroupSnapshot(String group, String state, int members, List<Committed> committed, List<TopicPartitionRef> assigned) {

    /** A committed offset; {@code offset} null when the group has none for that partition. */
    public record Committed(String topic, int partition, Long offset) {
    }

    public record TopicPartitionRef(String topic, int partition) {
    }
}
