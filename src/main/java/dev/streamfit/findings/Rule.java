package dev.streamfit.findings;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.streamfit.poll.CollectionProblem;
import dev.streamfit.poll.SystemKind;

/**
 * Every rule id StreamFit raises, in one place: its severity, whether it is a finding, a verdict
 * signal or both, what it means in one line, and — in each constant's Javadoc — the method where its
 * condition, threshold and formula are written (once). The {@code rule} of a finding or signal in the
 * API, of {@code streamfit_finding_active{rule}} and of an alert is {@link #id()}: look the id up
 * here and follow the link.
 * <p>
 * Code that raises a finding or a signal names it by constant, never by a string literal;
 * thresholds are {@code streamfit.rules.*} and {@code streamfit.advisor.*} keys, each documented
 * with the rule it belongs to in {@link dev.streamfit.config.StreamFitConfig}.
 */
public enum Rule {

    // ---- the target as a whole: TargetHealthEvaluator ----------------------------------------------

    /** {@link dev.streamfit.health.TargetHealthEvaluator#down}. */
    TARGET_DOWN("target.down", Severity.CRITICAL, Use.FINDING, "a Redis or Kafka target cannot be polled"),

    /**
     * A {@link CollectionProblem.Kind#DENIED} of a Redis poll, raised by
     * {@link dev.streamfit.health.TargetHealthEvaluator#byRule}; reported by {@code RedisStreamCollector.Problems#denied} and
     * {@code RedisTargetPoller#discoverPrimaries}.
     */
    REDIS_PERMISSION_DENIED("redis.permission-denied", Severity.WARNING, SystemKind.REDIS, CollectionProblem.Kind.DENIED,
            "the ACL denies a command StreamFit reads with: the values it gives are unknown"),

    /** A {@link CollectionProblem.Kind#FAILED} of a Redis poll ({@code RedisStreamCollector.Problems#failed}). */
    REDIS_COMMAND_FAILED("redis.command-failed", Severity.WARNING, SystemKind.REDIS, CollectionProblem.Kind.FAILED,
            "a Redis command failed for another reason than the ACL: the values it gives are unknown"),

    /** A {@link CollectionProblem.Kind#UNREACHABLE} of a Redis Cluster poll ({@code RedisTargetPoller#poll}). */
    REDIS_SHARD_UNREACHABLE("redis.shard-unreachable", Severity.WARNING, SystemKind.REDIS, CollectionProblem.Kind.UNREACHABLE,
            "a primary of the cluster could not be polled: its streams are missing from this poll"),

    /** A {@link CollectionProblem.Kind#LIMITED} of a Redis poll ({@code RedisStreamCollector#limit}). */
    REDIS_STREAMS_LIMIT("redis.streams.limit", Severity.WARNING, SystemKind.REDIS, CollectionProblem.Kind.LIMITED,
            "more streams match than max-streams: the smallest by memory are left out"),

    /** A {@link CollectionProblem.Kind#DENIED} of a Kafka poll ({@code KafkaProblems#note}). */
    KAFKA_PERMISSION_DENIED("kafka.permission-denied", Severity.WARNING, SystemKind.KAFKA, CollectionProblem.Kind.DENIED,
            "an ACL is missing for an operation StreamFit reads with: the values it gives are unknown"),

    /** A {@link CollectionProblem.Kind#FAILED} of a Kafka poll ({@code KafkaProblems#note}). */
    KAFKA_CALL_FAILED("kafka.call-failed", Severity.WARNING, SystemKind.KAFKA, CollectionProblem.Kind.FAILED,
            "an AdminClient call failed for another reason than an ACL: the values it gives are unknown"),

    // ---- Redis health: RedisHealthRules (groups: the stream and the group; servers: host:port) ----------

    /** {@link dev.streamfit.health.RedisHealthRules#stalled}; threshold {@code streamfit.rules.redis.stalled-after}. */
    REDIS_GROUP_STALLED("redis.group.stalled", Severity.WARNING, Use.FINDING,
            "the oldest pending entry of a group idle too long, or entries waiting while no consumer is active"),

    /** {@link dev.streamfit.health.RedisHealthRules#lagGrowing}, the same trend as Kafka's WARN: {@link dev.streamfit.lag.LagEvaluator#lagGrew}. */
    REDIS_GROUP_LAG_GROWING("redis.group.lag-growing", Severity.WARNING, Use.FINDING,
            "a group's lag grew across the window: never zero, never shrinking, larger at the end"),

    /** {@link dev.streamfit.health.RedisHealthRules#poison}; threshold {@code streamfit.rules.redis.poison-deliveries}. */
    REDIS_PENDING_POISON("redis.pending.poison", Severity.WARNING, Use.FINDING,
            "the oldest pending entry of a group was delivered more than poison-deliveries times"),

    /** {@link dev.streamfit.health.RedisHealthRules#fellOffTrim}. */
    REDIS_GROUP_FELL_OFF_TRIM("redis.group.fell-off-trim", Severity.WARNING, Use.FINDING,
            "entries were trimmed from a stream before a group read them (value: how many)"),

    /** {@link dev.streamfit.health.RedisHealthRules#memoryPressure}; threshold {@code streamfit.rules.redis.memory-pressure}. */
    REDIS_MEMORY_PRESSURE("redis.memory.pressure", Severity.WARNING, Use.FINDING,
            "a server uses at least memory-pressure × maxmemory"),

    /** {@link dev.streamfit.health.RedisHealthRules#noLimit}. */
    REDIS_MEMORY_NO_LIMIT("redis.memory.no-limit", Severity.WARNING, Use.FINDING,
            "maxmemory 0 on a server whose streams hold consumer groups"),

    /**
     * {@link dev.streamfit.health.RedisHealthRules#exhaustionProjected} (formula
     * {@link dev.streamfit.health.RedisHealthRules#secondsToMaxmemory}; threshold {@code streamfit.advisor.memory-horizon});
     * a signal on the streams of that server whose memory grew in the window.
     */
    REDIS_MEMORY_EXHAUSTION_PROJECTED("redis.memory.exhaustion-projected", Severity.CRITICAL, Use.FINDING_AND_SIGNAL,
            "at the window's growth, a server reaches maxmemory within the horizon"),

    /**
     * {@link dev.streamfit.health.RedisHealthRules#evictions} (formula
     * {@link dev.streamfit.health.RedisHealthRules#evictedInWindow}); a signal on the streams of that server that hold consumer groups.
     */
    REDIS_EVICTIONS("redis.evictions", Severity.CRITICAL, Use.FINDING_AND_SIGNAL,
            "a server evicted keys in the window while streams on it hold consumer groups"),

    /**
     * {@link dev.streamfit.health.RedisHealthRules#durabilityMismatch} (a stream kept like a log:
     * {@link dev.streamfit.health.RedisHealthRules#keptLikeALog}); a signal on the streams it names, counted in a verdict only
     * where the stream also has a YES ({@code RedisStreamRules#reliesOnKeeping}).
     */
    REDIS_DURABILITY_MISMATCH("redis.durability-mismatch", Severity.WARNING, Use.FINDING_AND_SIGNAL,
            "consumer groups on streams an allkeys-* policy may evict, or streams kept like a log on a server without persistence"),

    // ---- Kafka health: KafkaHealthEvaluator (the topic and the group) ---------------------------------

    /** {@link dev.streamfit.health.KafkaHealthEvaluator#groupStatus}; the status is {@link dev.streamfit.lag.LagEvaluator#status}. */
    KAFKA_GROUP_STATUS("kafka.group.status", Severity.WARNING, Use.FINDING,
            "a group's lag status is not OK (critical for STALL, STOP and ERR)"),

    /** {@link dev.streamfit.health.KafkaHealthEvaluator#fellOffRetention}. */
    KAFKA_GROUP_FELL_OFF_RETENTION("kafka.group.fell-off-retention", Severity.WARNING, Use.FINDING,
            "a committed offset below the log start: records deleted by retention before the group consumed them (value: how many)"),

    /** {@link dev.streamfit.health.KafkaHealthEvaluator#offlinePartitions}. */
    KAFKA_TOPIC_OFFLINE_PARTITIONS("kafka.topic.offline-partitions", Severity.CRITICAL, Use.FINDING,
            "partitions of a topic without a leader"),

    /** {@link dev.streamfit.health.KafkaHealthEvaluator#underReplicated}. */
    KAFKA_TOPIC_UNDER_REPLICATED("kafka.topic.under-replicated", Severity.WARNING, Use.FINDING,
            "partitions of a topic with fewer in-sync replicas than replicas"),

    // ---- verdict signals of the advisor's own: RedisStreamRules, KafkaTopicRules ----------------------

    /** {@code RedisStreamRules#streamMemoryShare}; threshold {@code streamfit.advisor.stream-memory-share}. */
    REDIS_STREAM_MEMORY_SHARE("redis.stream.memory-share", Severity.WARNING, Use.SIGNAL,
            "the stream alone takes at least stream-memory-share of maxmemory"),

    /** {@code RedisStreamRules#writeRate}; threshold {@code streamfit.advisor.shard-write-rate}. */
    REDIS_STREAM_WRITE_RATE("redis.stream.write-rate", Severity.WARNING, Use.SIGNAL,
            "the stream's peak write rate is near what one shard can take"),

    /** {@code KafkaTopicRules#excessPartitions} (formula {@code KafkaTopicRules#partitionsNeeded}). */
    KAFKA_TOPIC_EXCESS_PARTITIONS("kafka.topic.excess-partitions", Severity.INFO, Use.SIGNAL,
            "at least excess-partition-factor × the partitions rate and consumers need"),

    /** {@code KafkaTopicRules#idle}. */
    KAFKA_TOPIC_IDLE("kafka.topic.idle", Severity.INFO, Use.SIGNAL, "no records written in the window"),

    /** {@code KafkaTopicRules#empty}. */
    KAFKA_TOPIC_EMPTY("kafka.topic.empty", Severity.INFO, Use.SIGNAL, "no records retained"),

    /** {@code KafkaTopicRules#queueLike}. */
    KAFKA_TOPIC_QUEUE_LIKE("kafka.topic.queue-like", Severity.INFO, Use.SIGNAL,
            "one group, always at the tail, retention shorter than long-retention: a work queue"),

    // ---- verdicts as findings: AdvisorService ---------------------------------------------------------

    /** {@code AdvisorService#verdictFindings}; the verdict is {@code RedisStreamRules#verdict}. */
    VERDICT_OUTGROWN_REDIS("verdict.outgrown-redis", Severity.WARNING, Use.FINDING, "a Redis stream's verdict is OUTGROWN_REDIS"),

    /** {@code AdvisorService#verdictFindings}; the verdict is {@code KafkaTopicRules#verdict}. */
    VERDICT_OVERBUILT_KAFKA("verdict.overbuilt-kafka", Severity.INFO, Use.FINDING, "a Kafka topic's verdict is OVERBUILT_KAFKA");

    /** Where a rule shows up. */
    public enum Use {
        /** A finding with a lifecycle: {@code /api/v1/findings}, {@code streamfit_finding_active}, alerts. */
        FINDING,
        /** A verdict signal on one workload: the {@code signals} of {@code /api/v1/workloads}. */
        SIGNAL,
        /** A finding on a Redis server, and a verdict signal on the streams of that server it concerns. */
        FINDING_AND_SIGNAL,
        /** A finding about what a poll could not collect while the target was up. */
        COLLECTION_PROBLEM
    }

    private final String id;
    private final Severity severity;
    private final Use use;
    private final String meaning;
    private final SystemKind problemSystem;
    private final CollectionProblem.Kind problemKind;

    Rule(String id, Severity severity, Use use, String meaning) {
        this(id, severity, use, meaning, null, null);
    }

    Rule(String id, Severity severity, SystemKind system, CollectionProblem.Kind kind, String meaning) {
        this(id, severity, Use.COLLECTION_PROBLEM, meaning, system, kind);
    }

    Rule(String id, Severity severity, Use use, String meaning, SystemKind problemSystem, CollectionProblem.Kind problemKind) {
        this.id = id;
        this.severity = severity;
        this.use = use;
        this.meaning = meaning;
        this.problemSystem = problemSystem;
        this.problemKind = problemKind;
    }

    /** The stable id users, dashboards and alert rules see, e.g. {@code redis.evictions}. */
    @JsonValue
    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public Use use() {
        return use;
    }

    /** What it means, in one line. */
    public String meaning() {
        return meaning;
    }

    @Override
    public String toString() {
        return id;
    }

    /** The rule of that id, or null. */
    public static Rule byId(String id) {
        for (Rule rule : values()) {
            if (rule.id.equals(id)) {
                return rule;
            }
        }
        return null;
    }

    /** The rule a collection problem of this kind raises on a target of this system. */
    public static Rule forProblem(SystemKind system, CollectionProblem.Kind kind) {
        for (Rule rule : values()) {
            if (rule.problemSystem == system && rule.problemKind == kind) {
                return rule;
            }
        }
        throw new IllegalArgumentException("no rule for a " + kind + " problem of a " + system + " target");
    }
}
