package dev.streamfit.lag;

import java.util.List;
import java.util.function.Function;

import dev.streamfit.kafka.KafkaLag;
import dev.streamfit.poll.Staleness;

/**
 * A consumer group after the lag evaluation.
 *
 * @param status      its worst partition's; null when no partition's status is known
 * @param lag         sum over its partitions; null when any partition's lag is unknown (never a partial sum)
 * @param lagSeconds  its longest-waiting partition's; null when a lagging partition's time lag is unknown
 * @param staleReason why this poll could not observe the group, or one of its topics: those partitions
 *                    keep the previous evaluation's results; null when it observed all
 */
public record KafkaGroupLag(String group, String state, int members, LagStatus status, Long lag, Double lagSeconds,
        List<KafkaPartitionLag> partitions, String staleReason) implements Staleness<KafkaGroupLag> {

    @Override
    public KafkaGroupLag stale(String reason) {
        return new KafkaGroupLag(group, state, members, status, lag, lagSeconds, partitions, reason);
    }

    /** Lag summed over the group's partitions of {@code topic}; null when any is unknown, never a partial sum. */
    public Long lagOn(String topic) {
        return sumOn(topic, KafkaPartitionLag::lag);
    }

    /**
     * Records of {@code topic} deleted by retention before the group consumed them, summed over its
     * partitions; null when any is unknown, never a partial sum.
     */
    public Long lostToRetentionOn(String topic) {
        return sumOn(topic, p -> KafkaLag.lostToRetention(p.committedOffset(), p.logStartOffset()));
    }

    private Long sumOn(String topic, Function<KafkaPartitionLag, Long> value) {
        long sum = 0;
        for (KafkaPartitionLag p : partitions) {
            if (p.topic().equals(topic)) {
                Long v = value.apply(p);
                if (v == null) {
                    return null;
                }
                sum += v;
            }
        }
        return sum;
    }

    /** The longest time lag among the group's partitions of {@code topic}; null when any is unknown. */
    public Double lagSecondsOn(String topic) {
        double max = 0;
        for (KafkaPartitionLag p : partitions) {
            if (p.topic().equals(topic)) {
                if (p.lagSeconds() == null) {
                    return null;
                }
                max = Math.max(max, p.lagSeconds());
            }
        }
        return max;
    }

    /** The topics the group has committed offsets on, in order. */
    public List<String> topics() {
        return partitions.stream().map(KafkaPartitionLag::topic).distinct().toList();
    }
}
