package dev.streamfit.advisor;

import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What to do, with numbers. Fields that do not apply to the verdict are left out.
 *
 * @param kafkaPartitions     for a stream that outgrew Redis: partitions from its peak rate and consumers
 * @param kafkaRetentionHours for a stream that outgrew Redis: from its replay depth and oldest entry
 * @param redisMemoryBytes    for an overbuilt topic: estimated Redis memory for its retained records
 * @param maxlen              for an overbuilt topic: a MAXLEN that keeps what the topic keeps now
 * @param groups              for an overbuilt topic: the consumer groups to create on the stream
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recommendation(LazyText summary, Integer kafkaPartitions, Long kafkaRetentionHours, Long redisMemoryBytes, Long maxlen,
        List<String> groups) {

    /** Only the words: built when first read ({@link LazyText}). */
    static Recommendation of(Supplier<String> summary) {
        return new Recommendation(LazyText.of(summary), null, null, null, null, null);
    }

    static Recommendation of(Supplier<String> summary, Integer kafkaPartitions, Long kafkaRetentionHours, Long redisMemoryBytes, Long maxlen,
            List<String> groups) {
        return new Recommendation(LazyText.of(summary), kafkaPartitions, kafkaRetentionHours, redisMemoryBytes, maxlen, groups);
    }
}
