package dev.streamfit.lag;

/** A group on one partition after the lag evaluation; unknown values are null. */
public record KafkaPartitionLag(String topic, int partition, Long committedOffset, Long logStartOffset, Long logEndOffset, Long lag,
        Double lagSeconds, LagStatus status) {
}
