package dev.streamfit.advisor;

import java.util.List;

/**
 * A consumer group after the lag evaluation.
 *
 * @param status     its worst partition's; null when no partition's status is known
 * @param lag        sum over its partitions; null when any partition's lag is unknown (never a partial sum)
 * @param lagSeconds its longest-waiting partition's; null when a lagging partition's time lag is unknown
 */
public record KafkaGroupLag(String group, String state, int members, LagStatus status, Long lag, Double lagSeconds,
        List<KafkaPartitionLag> partitions) {
}
