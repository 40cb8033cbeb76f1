package dev.streamfit.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.Optional;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.findings.Observation;
import dev.streamfit.findings.Rule;
import dev.streamfit.health.Evidence;
import dev.streamfit.redis.RedisInstanceSnapshot;

/**
 * The verdict rules of a Redis stream (SPEC: OUTGROWN_REDIS): the four questions, the capacity
 * signals — the advisor's own each a method named after its {@link Rule}, the server's taken over
 * from the health stage — and the recommendation. Pure functions of a {@link RedisStreamProfile}
 * and the {@code streamfit.advisor.*} thresholds.
 */
public final class RedisStreamRules {

    private RedisStreamRules() {
    }

    // ---- the four questions -------------------------------------------------------------------

    static Questions questions(RedisStreamProfile p, StreamFitConfig.Advisor a) {
        return new Questions(replay(p, a), fanOut(p, a), longTermValue(p), longRetention(p, a));
    }

    static QuestionAnswer replay(RedisStreamProfile p, StreamFitConfig.Advisor a) {
        Supplier<String> threshold = () -> "a group moved back, a group created ≥ " + Evidence.percent(a.replayBehindShare()) + " of the stream behind the tail, or ≥ "
                + Evidence.rate(a.historyReadsPerSecond()) + " history reads";
        if (!p.rewoundGroups().isEmpty()) {
            return QuestionAnswer.yes(() -> Evidence.count(p.rewoundGroups().size(), "group", "groups", p.rewoundGroups())
                    + " moved its last-delivered-id backwards (XGROUP SETID)", threshold);
        }
        if (!p.farBehindGroups().isEmpty()) {
            return QuestionAnswer.yes(() -> Evidence.count(p.farBehindGroups().size(), "group", "groups", p.farBehindGroups())
                    + " created behind the tail by ≥ " + Evidence.percent(a.replayBehindShare()) + " of the stream's entries", threshold);
        }
        if (p.historyReadsPerSecond() != null && p.historyReadsPerSecond() >= a.historyReadsPerSecond()) {
            return QuestionAnswer.yes(() -> Evidence.rate(p.historyReadsPerSecond()) + " XRANGE/XREVRANGE calls on the server "
                    + "(instance-level, weak evidence: not attributable to one stream)", threshold);
        }
        return QuestionAnswer.no(() -> "no group moved back or was created far behind the tail; "
                + (p.historyReadsPerSecond() == null ? "history reads not yet measured" : Evidence.rate(p.historyReadsPerSecond()) + " history reads"),
                threshold);
    }

    static QuestionAnswer fanOut(RedisStreamProfile p, StreamFitConfig.Advisor a) {
        return Questions.fanOut(p.activeGroups(), a.fanOutGroups());
    }

    static QuestionAnswer longTermValue(RedisStreamProfile p) {
        Supplier<String> threshold = () -> "never trimmed while persistence is on";
        Boolean persistent = p.server() == null ? null : p.server().persistent();
        if (p.neverTrimmed() == null) {
            return QuestionAnswer.unknown(() -> "Redis before 7.0 reports no entries-added or max-deleted-entry-id", threshold);
        }
        if (!p.neverTrimmed()) {
            return QuestionAnswer.no(() -> "trimmed or deleted: it keeps " + p.length() + " entries of those added", threshold);
        }
        if (persistent == null) {
            return QuestionAnswer.unknown(() -> "never trimmed; persistence unknown", threshold);
        }
        return persistent ? QuestionAnswer.yes(() -> "never trimmed (" + p.length() + " entries, all ever added) with persistence on", threshold)
                : QuestionAnswer.no(() -> "never trimmed, but without persistence: kept in RAM only", threshold);
    }

    static QuestionAnswer longRetention(RedisStreamProfile p, StreamFitConfig.Advisor a) {
        double threshold = a.longRetention().toSeconds();
        Supplier<String> thresholdText = () -> "oldest entry ≥ " + Evidence.duration(threshold);
        if (p.oldestAgeSeconds() == null) {
            return p.length() == 0 ? QuestionAnswer.no(() -> "empty stream", thresholdText)
                    : QuestionAnswer.unknown(() -> "entry IDs are not time-based", thresholdText);
        }
        Supplier<String> evidence = () -> "oldest entry " + Evidence.duration(p.oldestAgeSeconds()) + " old (" + p.length() + " entries"
                + (p.memoryBytes() == null ? "" : ", " + Evidence.bytes(p.memoryBytes())) + ")";
        return p.oldestAgeSeconds() >= threshold ? QuestionAnswer.yes(() -> evidence.get() + " ≥ " + Evidence.duration(threshold), thresholdText)
                : QuestionAnswer.no(() -> evidence.get() + " < " + Evidence.duration(threshold), thresholdText);
    }

    // ---- capacity signals -----------------------------------------------------------------------

    /**
     * The capacity signals (SPEC: OUTGROWN_REDIS). The server's evictions, projected exhaustion and
     * durability mismatch are the health stage's findings that concern this stream, taken over as they
     * are ({@link RedisStreamProfile#serverFindings()}; their rules are in
     * {@link dev.streamfit.health.RedisHealthRules}); the stream's memory share and write rate are the
     * advisor's own.
     */
    static List<Signal> signals(RedisStreamProfile p, Questions q, StreamFitConfig.Advisor a) {
        List<Signal> signals = new ArrayList<>();
        for (Observation finding : p.serverFindings()) {
            if (finding.rule() != Rule.REDIS_DURABILITY_MISMATCH || reliesOnKeeping(q)) {
                signals.add(Signal.from(finding));
            }
        }
        streamMemoryShare(p, a).ifPresent(signals::add);
        writeRate(p, a).ifPresent(signals::add);
        return signals;
    }

    /**
     * Durability counts as a capacity signal only where the use relies on keeping the events: the
     * stream also has at least one YES (SPEC: verdicts). A queue-like stream on a Redis without
     * persistence is "process and forget" — Redis's job.
     */
    static boolean reliesOnKeeping(Questions q) {
        return q.yesCount() >= 1;
    }

    /** {@code redis.stream.memory-share}: the stream alone takes a large share of maxmemory. */
    static Optional<Signal> streamMemoryShare(RedisStreamProfile p, StreamFitConfig.Advisor a) {
        RedisInstanceSnapshot s = p.server();
        if (s == null || s.maxmemory() == null || s.maxmemory() == 0 || p.memoryBytes() == null) {
            return Optional.empty();
        }
        double share = (double) p.memoryBytes() / s.maxmemory();
        if (share < a.streamMemoryShare()) {
            return Optional.empty();
        }
        return Optional.of(Signal.of(Rule.REDIS_STREAM_MEMORY_SHARE, share, a.streamMemoryShare(),
                "the stream holds " + Evidence.percent(share) + " of maxmemory (" + Evidence.bytes(p.memoryBytes()) + ")"));
    }

    /** {@code redis.stream.write-rate}: writes near what one shard can take. */
    static Optional<Signal> writeRate(RedisStreamProfile p, StreamFitConfig.Advisor a) {
        if (p.writeRatePeak() == null || p.writeRatePeak() < a.shardWriteRate()) {
            return Optional.empty();
        }
        return Optional.of(Signal.of(Rule.REDIS_STREAM_WRITE_RATE, p.writeRatePeak(), a.shardWriteRate(),
                "peak " + Evidence.rate(p.writeRatePeak()) + " entries, near one shard's " + Evidence.rate(a.shardWriteRate())));
    }

    // ---- verdict and recommendation -------------------------------------------------------------

    static Verdict verdict(Questions q, List<Signal> signals) {
        return q.yesCount() >= 2 || !signals.isEmpty() ? Verdict.OUTGROWN_REDIS : Verdict.FITS;
    }

    static Recommendation recommendation(Verdict verdict, RedisStreamProfile p, Questions q, List<Signal> signals, StreamFitConfig.Advisor a) {
        if (verdict == Verdict.FITS) {
            return Recommendation.of(() -> "Redis carries it: " + q.yesCount() + " of 4 questions answered yes and no capacity signal");
        }
        double peak = p.writeRatePeak() == null ? 0 : p.writeRatePeak();
        int partitions = (int) Math.max(Math.max(Math.ceil(peak / a.partitionRate()), p.maxConsumers()), 1);
        double reach = Math.max(p.oldestAgeSeconds() == null ? 0 : p.oldestAgeSeconds(), p.maxGroupLagSeconds() == null ? 0 : p.maxGroupLagSeconds());
        long retentionHours = Math.max(24, (long) Math.ceil(reach * 1.5 / 3600));
        String why = q.yesCount() >= 2 ? q.yesCount() + " of 4 questions answered yes"
                : "capacity: " + String.join(", ", signals.stream().map(signal -> signal.rule().id()).toList());
        return Recommendation.of(() -> "Move to Kafka (" + why + "): a topic with " + partitions + (partitions == 1 ? " partition" : " partitions") + " (peak " + Evidence.rate(peak)
                + ", up to " + p.maxConsumers() + " consumers per group) and retention.ms=" + retentionHours * 3_600_000L + " ("
                + retentionHours + " h: 1.5 × the oldest entry or deepest group lag, at least a day)",
                partitions, retentionHours, null, null, null);
    }
}
