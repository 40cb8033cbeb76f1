package dev.streamfit.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.findings.Rule;
import dev.streamfit.health.Evidence;

/**
 * The verdict rules of a Kafka topic (SPEC: OVERBUILT_KAFKA and FITS): Kafka's own machinery,
 * the four questions, the footprint Redis would need, the overbuild signals — each method named
 * after the {@link Rule} it raises — and the recommendation. Pure functions of a {@link KafkaTopicProfile}.
 */
public final class KafkaTopicRules {

    private static final Pattern CONNECT_TOPIC = Pattern.compile("(^|.*[-_.])connect[-_.](.*[-_.])?(configs?|offsets?|status(es)?)$");

    private KafkaTopicRules() {
    }

    /** Topics that are part of Kafka's own machinery are always FITS with this reason; null otherwise. */
    static String machinery(KafkaTopicProfile p) {
        String name = p.topic();
        if (name.startsWith("__")) {
            return "internal topic";
        }
        if (name.endsWith("-changelog") || name.endsWith("-repartition")) {
            return "Kafka Streams " + (name.endsWith("-changelog") ? "changelog" : "repartition") + " topic";
        }
        if (CONNECT_TOPIC.matcher(name).matches()) {
            return "Kafka Connect's config, offset or status topic";
        }
        if (p.cleanupPolicy() != null && p.cleanupPolicy().contains("compact")) {
            return "compacted topic used as state (cleanup.policy=" + p.cleanupPolicy() + ")";
        }
        return null;
    }

    // ---- the four questions -------------------------------------------------------------------

    static Questions questions(KafkaTopicProfile p, StreamFitConfig.Advisor a) {
        return new Questions(replay(p, a), fanOut(p, a), longTermValue(p, a), longRetention(p, a));
    }

    static QuestionAnswer replay(KafkaTopicProfile p, StreamFitConfig.Advisor a) {
        Supplier<String> threshold = () -> "a committed offset moved back, or a group ≥ " + Evidence.percent(a.replayBehindShare()) + " of the retained records behind";
        if (!p.rewoundGroups().isEmpty()) {
            return QuestionAnswer.yes(() -> Evidence.count(p.rewoundGroups().size(), "group", "groups", p.rewoundGroups())
                    + " moved a committed offset backwards (rewind)", threshold);
        }
        if (!p.farBehindGroups().isEmpty()) {
            return QuestionAnswer.yes(() -> Evidence.count(p.farBehindGroups().size(), "group", "groups", p.farBehindGroups())
                    + " consuming ≥ " + Evidence.percent(a.replayBehindShare()) + " of the " + p.retainedRecords() + " retained records behind", threshold);
        }
        return QuestionAnswer.no(() -> "no rewind and no group far behind", threshold);
    }

    static QuestionAnswer fanOut(KafkaTopicProfile p, StreamFitConfig.Advisor a) {
        return Questions.fanOut(p.activeGroups(), a.fanOutGroups());
    }

    static QuestionAnswer longTermValue(KafkaTopicProfile p, StreamFitConfig.Advisor a) {
        double threshold = a.longTermRetention().toSeconds();
        Supplier<String> thresholdText = () -> "retention unlimited or ≥ " + Evidence.duration(threshold) + ", or compact";
        if (p.cleanupPolicy() != null && p.cleanupPolicy().contains("compact")) {
            return QuestionAnswer.yes(() -> "cleanup.policy=" + p.cleanupPolicy(), thresholdText);
        }
        if (p.retentionMs() == null) {
            return QuestionAnswer.unknown(() -> "topic configs could not be described", thresholdText);
        }
        if (p.retentionMs() < 0) {
            return QuestionAnswer.yes(() -> "retention unlimited (retention.ms=-1)", thresholdText);
        }
        Supplier<String> evidence = () -> "retention " + Evidence.duration(p.retentionMs() / 1000.0);
        return p.retentionMs() / 1000.0 >= threshold ? QuestionAnswer.yes(() -> evidence.get() + " ≥ " + Evidence.duration(threshold), thresholdText)
                : QuestionAnswer.no(() -> evidence.get() + " < " + Evidence.duration(threshold), thresholdText);
    }

    static QuestionAnswer longRetention(KafkaTopicProfile p, StreamFitConfig.Advisor a) {
        double threshold = a.longRetention().toSeconds();
        Supplier<String> thresholdText = () -> "oldest record ≥ " + Evidence.duration(threshold);
        if (p.oldestAgeSeconds() == null) {
            return Long.valueOf(0).equals(p.retainedRecords()) ? QuestionAnswer.no(() -> "empty topic", thresholdText)
                    : QuestionAnswer.unknown(() -> "the oldest record's time is unknown", thresholdText);
        }
        Supplier<String> evidence = () -> "oldest record " + Evidence.duration(p.oldestAgeSeconds()) + " old (" + p.retainedRecords() + " records"
                + (p.retainedBytes() == null ? "" : ", " + Evidence.bytes(p.retainedBytes())) + ")";
        return p.oldestAgeSeconds() >= threshold ? QuestionAnswer.yes(() -> evidence.get() + " ≥ " + Evidence.duration(threshold), thresholdText)
                : QuestionAnswer.no(() -> evidence.get() + " < " + Evidence.duration(threshold), thresholdText);
    }

    // ---- footprint and overbuild signals --------------------------------------------------------

    /**
     * Redis memory for the retained records: records × (mean record size + Redis's per-entry
     * overhead). The record size comes from Kafka's on-disk size, which is compressed: Redis may need
     * more. Null (unknown) when the retained records or, for a non-empty topic, the size is unknown
     * (offline partitions, DescribeLogDirs denied) — never records × overhead alone.
     */
    static Long estimatedRedisBytes(KafkaTopicProfile p, StreamFitConfig.Advisor a) {
        if (p.retainedRecords() == null) {
            return null;
        }
        if (p.retainedRecords() == 0) {
            return 0L;
        }
        if (p.bytesPerRecord() == null) {
            return null;
        }
        return (long) Math.ceil(p.retainedRecords() * (p.bytesPerRecord() + a.redisEntryOverheadBytes()));
    }

    /** Partitions that rate and consumers need: max(ceil(peak ÷ per-partition rate), active consumers, 1); null while the peak is unknown. */
    static Integer partitionsNeeded(KafkaTopicProfile p, StreamFitConfig.Advisor a) {
        if (p.writeRatePeak() == null) {
            return null;
        }
        return (int) Math.max(Math.max(Math.ceil(p.writeRatePeak() / a.partitionRate()), p.activeConsumers()), 1);
    }

    static List<Signal> signals(KafkaTopicProfile p, StreamFitConfig.Advisor a) {
        List<Signal> signals = new ArrayList<>();
        excessPartitions(p, a, signals);
        idle(p, signals);
        empty(p, signals);
        queueLike(p, a, signals);
        return signals;
    }

    /** {@code kafka.topic.excess-partitions}: at least excess-partition-factor × what rate and consumers need. */
    static void excessPartitions(KafkaTopicProfile p, StreamFitConfig.Advisor a, List<Signal> signals) {
        Integer needed = partitionsNeeded(p, a);
        if (needed == null) {
            return;
        }
        int limit = a.excessPartitionFactor() * needed;
        if (p.partitions() >= limit) {
            signals.add(Signal.of(Rule.KAFKA_TOPIC_EXCESS_PARTITIONS, (double) p.partitions(), (double) limit,
                    p.partitions() + " partitions where " + needed + " would carry the peak rate and the consumers (flagged at " + limit + ")"));
        }
    }

    /** {@code kafka.topic.idle}: no writes in the window. */
    static void idle(KafkaTopicProfile p, List<Signal> signals) {
        if (p.writeRateMean() != null && p.writeRateMean() == 0) {
            signals.add(Signal.of(Rule.KAFKA_TOPIC_IDLE, 0.0, 0.0, "no records written in the window"));
        }
    }

    /** {@code kafka.topic.empty}: nothing retained. */
    static void empty(KafkaTopicProfile p, List<Signal> signals) {
        if (Long.valueOf(0).equals(p.retainedRecords())) {
            signals.add(Signal.of(Rule.KAFKA_TOPIC_EMPTY, 0.0, 0.0, "no records retained"));
        }
    }

    /** {@code kafka.topic.queue-like}: one group, always at the tail, short retention: a work queue. */
    static void queueLike(KafkaTopicProfile p, StreamFitConfig.Advisor a, List<Signal> signals) {
        if (p.groups().size() == 1 && p.groupsAtTail().containsAll(p.groups()) && p.retentionMs() != null && p.retentionMs() >= 0
                && p.retentionMs() / 1000.0 < a.longRetention().toSeconds()) {
            signals.add(Signal.of(Rule.KAFKA_TOPIC_QUEUE_LIKE, p.retentionMs() / 1000.0, (double) a.longRetention().toSeconds(),
                    "one group (" + p.groups().get(0) + ") always at the tail, retention " + Evidence.duration(p.retentionMs() / 1000.0)));
        }
    }

    // ---- verdict and recommendation -------------------------------------------------------------

    static Verdict verdict(KafkaTopicProfile p, Questions q, List<Signal> signals, StreamFitConfig.Advisor a) {
        if (machinery(p) != null) {
            return Verdict.FITS;
        }
        // Unknown inputs never make a topic overbuilt: the footprint must be known to be small.
        Long redisBytes = estimatedRedisBytes(p, a);
        boolean smallFootprint = redisBytes != null && redisBytes <= a.redisMemoryBudget()
                && p.writeRatePeak() != null && p.writeRatePeak() <= a.rateBudget();
        return q.yesCount() <= 1 && smallFootprint && !signals.isEmpty() ? Verdict.OVERBUILT_KAFKA : Verdict.FITS;
    }

    static Recommendation recommendation(Verdict verdict, KafkaTopicProfile p, Questions q, List<Signal> signals, StreamFitConfig.Advisor a) {
        String machinery = machinery(p);
        if (machinery != null) {
            return Recommendation.of(() -> "Part of Kafka's own machinery: " + machinery);
        }
        Long redisBytes = estimatedRedisBytes(p, a);
        if (verdict == Verdict.FITS) {
            if (q.yesCount() >= 2) {
                return Recommendation.of(() -> q.yesCount() + " of 4 questions answered yes: the events are part of the system, Kafka's job");
            }
            if (redisBytes == null) {
                return Recommendation.of(() -> "Redis's footprint for it is unknown: " + (p.retainedRecords() == null
                        ? "some partitions' offsets are unknown (offline or without a leader)" : "the topic's size on disk is unknown (DescribeLogDirs)"));
            }
            if (p.writeRatePeak() == null) {
                return Recommendation.of(() -> "its peak write rate is not known yet");
            }
            if (redisBytes > a.redisMemoryBudget()) {
                return Recommendation.of(() -> "Redis would need ~" + Evidence.bytes(redisBytes) + " for it, over the " + Evidence.bytes(a.redisMemoryBudget()) + " budget");
            }
            if (p.writeRatePeak() != null && p.writeRatePeak() > a.rateBudget()) {
                return Recommendation.of(() -> "peak " + Evidence.rate(p.writeRatePeak()) + " is over the " + Evidence.rate(a.rateBudget()) + " budget for Redis");
            }
            return Recommendation.of(() -> "no sign of overbuilding: partitions, activity and use fit the topic");
        }
        double retentionSeconds = p.retentionMs() == null || p.retentionMs() < 0 ? 0 : p.retentionMs() / 1000.0;
        long byRate = (long) Math.ceil((p.writeRateMean() == null ? 0 : p.writeRateMean()) * retentionSeconds);
        long maxlen = Math.max(1000, (long) Math.ceil(Math.max(p.retainedRecords(), byRate) / 1000.0) * 1000); // known: OVERBUILT needs it
        List<String> groups = p.groups();
        return Recommendation.of(() -> "A Redis stream would do (" + String.join(", ", signals.stream().map(signal -> signal.rule().id()).toList()) + "): ~"
                + Evidence.bytes(redisBytes) + " for the " + p.retainedRecords() + " retained records (from Kafka's on-disk size, which is compressed: "
                + "Redis may need more); XADD … MAXLEN ~ " + maxlen
                + (groups.isEmpty() ? "" : "; consumer groups: " + String.join(", ", groups)),
                null, null, redisBytes, maxlen, groups);
    }
}
