package dev.streamfit.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.redis.RedisInstanceSnapshot;
import dev.streamfit.support.TestConfig;

/**
 * The advisor's correctness proof: every question's YES/NO/UNKNOWN boundary, every verdict, the
 * footprint and overbuild signals, hysteresis and minimum observation, and the numbers of the
 * recommendations, as numbered named cases over synthetic profiles. Thresholds are the defaults.
 */
class AdvisorRulesTest {

    static final StreamFitConfig.Advisor A = TestConfig.load(Map.of()).advisor();
    static final long GIB = 1L << 30;

    // ---- Redis -----------------------------------------------------------------------------------

    /** A modest stream: one active group, trimmed, young, AOF on, 1 GiB maxmemory, no growth. */
    record R(List<String> active, List<String> rewound, List<String> farBehind, Double historyReads, Boolean neverTrimmed,
            Boolean aof, Double oldestAge, Long maxmemory, Long used, String policy, Long memory, Double serverGrowth, Double streamGrowth,
            Double evictions, Double peak) {

        static R base() {
            return new R(List.of("g1"), List.of(), List.of(), 0.0, false, true, 3600.0, GIB, 100L << 20, "noeviction", 1L << 20, 0.0, 0.0,
                    0.0, 10.0);
        }

        RedisStreamProfile profile() {
            RedisInstanceSnapshot server = new RedisInstanceSnapshot("h:1", "7.0.15", "master", used, used, maxmemory, policy, 1.0, 0L, aof,
                    "ok", 0L, 0L, Map.of(), 0L, 0);
            return new RedisStreamProfile("s", 5.0, peak, 1000, memory, memory == null ? null : memory / 1000.0, oldestAge,
                    List.of("g1", "g2", "g3"), active, rewound, farBehind, 2, neverTrimmed, server, streamGrowth, serverGrowth, evictions,
                    historyReads, 120.0);
        }
    }

    static Arguments redisCase(String name, UnaryOperator<R> change, String question, Answer expected) {
        return Arguments.of(name, change.apply(R.base()), question, expected);
    }

    static Stream<Arguments> redisQuestions() {
        return Stream.of(
                redisCase("R1 replay: a group moved back (SETID)", r -> new R(r.active(), List.of("g2"), r.farBehind(), r.historyReads(), r.neverTrimmed(), r.aof(), r.oldestAge(), r.maxmemory(), r.used(), r.policy(), r.memory(), r.serverGrowth(), r.streamGrowth(), r.evictions(), r.peak()), "replay", Answer.YES),
                redisCase("R2 replay: a group far behind the tail", r -> new R(r.active(), r.rewound(), List.of("g3"), r.historyReads(), r.neverTrimmed(), r.aof(), r.oldestAge(), r.maxmemory(), r.used(), r.policy(), r.memory(), r.serverGrowth(), r.streamGrowth(), r.evictions(), r.peak()), "replay", Answer.YES),
                redisCase("R3 replay: history reads at the threshold (weak)", r -> new R(r.active(), r.rewound(), r.farBehind(), 1.0, r.neverTrimmed(), r.aof(), r.oldestAge(), r.maxmemory(), r.used(), r.policy(), r.memory(), r.serverGrowth(), r.streamGrowth(), r.evictions(), r.peak()), "replay", Answer.YES),
                redisCase("R4 replay: history reads just below", r -> new R(r.active(), r.rewound(), r.farBehind(), 0.99, r.neverTrimmed(), r.aof(), r.oldestAge(), r.maxmemory(), r.used(), r.policy(), r.memory(), r.serverGrowth(), r.streamGrowth(), r.evictions(), r.peak()), "replay", Answer.NO),
                redisCase("R5 fanOut: 2 active groups", r -> new R(List.of("a", "b"), r.rewound(), r.farBehind(), r.historyReads(), r.neverTrimmed(), r.aof(), r.oldestAge(), r.maxmemory(), r.used(), r.policy(), r.memory(), r.serverGrowth(), r.streamGrowth(), r.evictions(), r.peak()), "fanOut", Answer.YES),
                redisCase("R6 fanOut: 1 active group", r -> r, "fanOut", Answer.NO),
                redisCase("R7 longTermValue: never trimmed, AOF on", r -> new R(r.active(), r.rewound(), r.farBehind(), r.historyReads(), true, true, r.oldestAge(), r.maxmemory(), r.used(), r.policy(), r.memory(), r.serverGrowth(), r.streamGrowth(), r.evictions(), r.peak()), "longTermValue", Answer.YES),
                redisCase("R8 longTermValue: trimmed", r -> r, "longTermValue", Answer.NO),
                redisCase("R9 longTermValue: never trimmed, no persistence", r -> new R(r.active(), r.rewound(), r.farBehind(), r.historyReads(), true, false, r.oldestAge(), r.maxmemory(), r.used(), r.policy(), r.memory(), r.serverGrowth(), r.streamGrowth(), r.evictions(), r.peak()), "longTermValue", Answer.NO),
                redisCase("R10 longTermValue: Redis 6.2 cannot tell", r -> new R(r.active(), r.rewound(), r.farBehind(), r.historyReads(), null, r.aof(), r.oldestAge(), r.maxmemory(), r.used(), r.policy(), r.memory(), r.serverGrowth(), r.streamGrowth(), r.evictions(), r.peak()), "longTermValue", Answer.UNKNOWN),
                redisCase("R11 longRetention: oldest exactly 24 h", r -> new R(r.active(), r.rewound(), r.farBehind(), r.historyReads(), r.neverTrimmed(), r.aof(), 86_400.0, r.maxmemory(), r.used(), r.policy(), r.memory(), r.serverGrowth(), r.streamGrowth(), r.evictions(), r.peak()), "longRetention", Answer.YES),
                redisCase("R12 longRetention: oldest 23.9 h", r -> new R(r.active(), r.rewound(), r.farBehind(), r.historyReads(), r.neverTrimmed(), r.aof(), 86_000.0, r.maxmemory(), r.used(), r.policy(), r.memory(), r.serverGrowth(), r.streamGrowth(), r.evictions(), r.peak()), "longRetention", Answer.NO),
                redisCase("R13 longRetention: IDs not time-based", r -> new R(r.active(), r.rewound(), r.farBehind(), r.historyReads(), r.neverTrimmed(), r.aof(), null, r.maxmemory(), r.used(), r.policy(), r.memory(), r.serverGrowth(), r.streamGrowth(), r.evictions(), r.peak()), "longRetention", Answer.UNKNOWN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redisQuestions")
    void redisQuestion(String name, R r, String question, Answer expected) {
        Questions q = RedisStreamRules.questions(r.profile(), A);
        QuestionAnswer answer = switch (question) {
            case "replay" -> q.replay();
            case "fanOut" -> q.fanOut();
            case "longTermValue" -> q.longTermValue();
            default -> q.longRetention();
        };
        assertEquals(expected, answer.answer(), answer.evidence());
    }

    static Stream<Arguments> redisVerdicts() {
        R base = R.base();
        return Stream.of(
                Arguments.of("V1 one yes, no capacity signal: FITS", base, Verdict.FITS, List.of()),
                Arguments.of("V2 two yes (fanOut + longRetention): OUTGROWN_REDIS", new R(List.of("a", "b"), base.rewound(), base.farBehind(), 0.0, false, true, 90_000.0, GIB, 100L << 20, "noeviction", 1L << 20, 0.0, 0.0, 0.0, 10.0), Verdict.OUTGROWN_REDIS, List.of()),
                Arguments.of("V3 the stream holds 30 % of maxmemory", new R(base.active(), base.rewound(), base.farBehind(), 0.0, false, true, 3600.0, GIB, 500L << 20, "noeviction", (long) (0.3 * GIB), 0.0, 0.0, 0.0, 10.0), Verdict.OUTGROWN_REDIS, List.of("redis.stream.memory-share")),
                Arguments.of("V4 maxmemory reached in 2.8 h while the stream grows", new R(base.active(), base.rewound(), base.farBehind(), 0.0, false, true, 3600.0, GIB, GIB - 100_000_000L, "noeviction", 1L << 20, 10_000.0, 500.0, 0.0, 10.0), Verdict.OUTGROWN_REDIS, List.of("redis.memory.exhaustion-projected")),
                Arguments.of("V5 the server grows, this stream does not", new R(base.active(), base.rewound(), base.farBehind(), 0.0, false, true, 3600.0, GIB, GIB - 100_000_000L, "noeviction", 1L << 20, 10_000.0, 0.0, 0.0, 10.0), Verdict.FITS, List.of()),
                Arguments.of("V6 maxmemory in 11.6 days: beyond the horizon", new R(base.active(), base.rewound(), base.farBehind(), 0.0, false, true, 3600.0, GIB, GIB - 100_000_000L, "noeviction", 1L << 20, 100.0, 500.0, 0.0, 10.0), Verdict.FITS, List.of()),
                Arguments.of("V7 groups on a stream allkeys-lru may evict", new R(base.active(), base.rewound(), base.farBehind(), 0.0, false, true, 3600.0, GIB, 100L << 20, "allkeys-lru", 1L << 20, 0.0, 0.0, 0.0, 10.0), Verdict.OUTGROWN_REDIS, List.of("redis.durability-mismatch")),
                Arguments.of("V8 groups on a server without persistence", new R(base.active(), base.rewound(), base.farBehind(), 0.0, false, false, 3600.0, GIB, 100L << 20, "noeviction", 1L << 20, 0.0, 0.0, 0.0, 10.0), Verdict.OUTGROWN_REDIS, List.of("redis.durability-mismatch")),
                Arguments.of("V9 evictions in the window", new R(base.active(), base.rewound(), base.farBehind(), 0.0, false, true, 3600.0, GIB, 100L << 20, "noeviction", 1L << 20, 0.0, 0.0, 12.0, 10.0), Verdict.OUTGROWN_REDIS, List.of("redis.evictions")),
                Arguments.of("V10 peak write rate at one shard's budget", new R(base.active(), base.rewound(), base.farBehind(), 0.0, false, true, 3600.0, GIB, 100L << 20, "noeviction", 1L << 20, 0.0, 0.0, 0.0, 25_000.0), Verdict.OUTGROWN_REDIS, List.of("redis.stream.write-rate")),
                Arguments.of("V11 no maxmemory: no share or projection signal", new R(base.active(), base.rewound(), base.farBehind(), 0.0, false, true, 3600.0, 0L, GIB, "noeviction", GIB, 10_000.0, 500.0, 0.0, 10.0), Verdict.FITS, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redisVerdicts")
    void redisVerdict(String name, R r, Verdict expected, List<String> rules) {
        RedisStreamProfile p = r.profile();
        List<Signal> signals = RedisStreamRules.signals(p, A);
        assertEquals(rules, signals.stream().map(Signal::rule).toList());
        assertEquals(expected, RedisStreamRules.verdict(RedisStreamRules.questions(p, A), signals));
    }

    @Test
    void n1OutgrownStreamGetsPartitionsFromPeakAndConsumersAndRetentionFromAge() {
        R r = R.base();
        RedisStreamProfile p = new RedisStreamProfile("s", 5.0, 2_500.0, 1000, 1L << 20, 1048.0, 108_000.0, List.of("a", "b"),
                List.of("a", "b"), List.of(), List.of(), 2, true, r.profile().server(), 0.0, 0.0, 0.0, 0.0, 120.0);
        Recommendation rec = RedisStreamRules.recommendation(Verdict.OUTGROWN_REDIS, p, RedisStreamRules.questions(p, A), List.of(), A);
        assertEquals(3, rec.kafkaPartitions(), "ceil(2500 / 1000) = 3 > 2 consumers");
        assertEquals(45L, rec.kafkaRetentionHours(), "1.5 × 30 h");
    }

    // ---- Kafka -----------------------------------------------------------------------------------

    /** An overbuilt topic: 24 partitions, 2 records/s, one group at the tail, 1 h retention, 7,200 × 300 B retained. */
    static KafkaTopicProfile topic(String name, int partitions, Long retentionMs, String policy, double peak, long retained, List<String> groups,
            List<String> active, List<String> atTail, int consumers) {
        return new KafkaTopicProfile(name, partitions, retentionMs, policy, peak, peak, retained, retained * 300, 300.0,
                retained == 0 ? null : 1800.0, groups, active, List.of(), List.of(), atTail, consumers);
    }

    static KafkaTopicProfile overbuilt() {
        return topic("notifications", 24, 3_600_000L, "delete", 2.0, 7_200, List.of("notifier"), List.of("notifier"), List.of("notifier"), 1);
    }

    static Stream<Arguments> kafkaVerdicts() {
        return Stream.of(
                Arguments.of("K1 24 partitions for 2 records/s, queue-like: OVERBUILT_KAFKA", overbuilt(), Verdict.OVERBUILT_KAFKA,
                        List.of("kafka.topic.excess-partitions", "kafka.topic.queue-like")),
                Arguments.of("K2 Kafka Streams changelog: FITS whatever the signals",
                        topic("app-store-changelog", 24, 3_600_000L, "delete", 2.0, 7_200, List.of("a"), List.of("a"), List.of("a"), 1), Verdict.FITS,
                        List.of("kafka.topic.excess-partitions", "kafka.topic.queue-like")),
                Arguments.of("K3 Kafka Connect offsets topic: FITS",
                        topic("connect-offsets", 25, 3_600_000L, "delete", 0.0, 10, List.of(), List.of(), List.of(), 0), Verdict.FITS,
                        List.of("kafka.topic.excess-partitions", "kafka.topic.idle")),
                Arguments.of("K4 compacted topic used as state: FITS",
                        topic("user-profiles", 24, 3_600_000L, "compact", 2.0, 7_200, List.of("a"), List.of("a"), List.of("a"), 1), Verdict.FITS,
                        List.of("kafka.topic.excess-partitions", "kafka.topic.queue-like")),
                Arguments.of("K5 two yes (fan-out, 7 d retention): FITS",
                        topic("payments", 24, 604_800_000L, "delete", 2.0, 7_200, List.of("a", "b"), List.of("a", "b"), List.of("a", "b"), 1), Verdict.FITS,
                        List.of("kafka.topic.excess-partitions")),
                Arguments.of("K6 4 GiB for Redis: over the memory budget, FITS",
                        topic("big", 24, 3_600_000L, "delete", 2.0, 12_000_000, List.of("a"), List.of("a"), List.of("a"), 1), Verdict.FITS,
                        List.of("kafka.topic.excess-partitions", "kafka.topic.queue-like")),
                Arguments.of("K7 peak 5,000 records/s: over the rate budget, FITS",
                        topic("fast", 24, 3_600_000L, "delete", 5_000.0, 7_200, List.of("a"), List.of("a"), List.of("a"), 1), Verdict.FITS,
                        List.of("kafka.topic.excess-partitions", "kafka.topic.queue-like")),
                Arguments.of("K8 3 partitions, 1 consumer, 2 groups behind: no overbuild signal, FITS",
                        topic("orders", 3, 86_400_000L * 2, "delete", 2.0, 7_200, List.of("a"), List.of("a"), List.of(), 1), Verdict.FITS, List.of()),
                Arguments.of("K9 partitions exactly 4 × needed: flagged", topic("four", 4, 86_400_000L * 2, "delete", 2.0, 7_200, List.of("a"),
                        List.of("a"), List.of(), 1), Verdict.OVERBUILT_KAFKA, List.of("kafka.topic.excess-partitions")),
                Arguments.of("K10 3 partitions, 1 consumer: not flagged", topic("three", 3, 86_400_000L * 2, "delete", 2.0, 7_200, List.of("a"),
                        List.of("a"), List.of(), 1), Verdict.FITS, List.of()),
                Arguments.of("K11 idle and empty: OVERBUILT_KAFKA", topic("unused", 1, 86_400_000L * 2, "delete", 0.0, 0, List.of(), List.of(),
                        List.of(), 0), Verdict.OVERBUILT_KAFKA, List.of("kafka.topic.idle", "kafka.topic.empty")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kafkaVerdicts")
    void kafkaVerdict(String name, KafkaTopicProfile p, Verdict expected, List<String> rules) {
        List<Signal> signals = KafkaTopicRules.signals(p, A);
        assertEquals(rules, signals.stream().map(Signal::rule).toList());
        assertEquals(expected, KafkaTopicRules.verdict(p, KafkaTopicRules.questions(p, A), signals, A));
    }

    static Stream<Arguments> kafkaQuestions() {
        return Stream.of(
                Arguments.of("KQ1 longTermValue: unlimited retention", topic("t", 1, -1L, "delete", 1, 10, List.of(), List.of(), List.of(), 0), Answer.YES),
                Arguments.of("KQ2 longTermValue: exactly 7 d", topic("t", 1, 604_800_000L, "delete", 1, 10, List.of(), List.of(), List.of(), 0), Answer.YES),
                Arguments.of("KQ3 longTermValue: 6 d", topic("t", 1, 518_400_000L, "delete", 1, 10, List.of(), List.of(), List.of(), 0), Answer.NO),
                Arguments.of("KQ4 longTermValue: compact,delete", topic("t", 1, 3_600_000L, "compact,delete", 1, 10, List.of(), List.of(), List.of(), 0), Answer.YES),
                Arguments.of("KQ5 longTermValue: configs not described", topic("t", 1, null, null, 1, 10, List.of(), List.of(), List.of(), 0), Answer.UNKNOWN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kafkaQuestions")
    void kafkaLongTermValue(String name, KafkaTopicProfile p, Answer expected) {
        assertEquals(expected, KafkaTopicRules.longTermValue(p, A).answer());
    }

    @Test
    void n2OverbuiltTopicGetsRedisMemoryMaxlenAndGroups() {
        KafkaTopicProfile p = overbuilt();
        Recommendation rec = KafkaTopicRules.recommendation(Verdict.OVERBUILT_KAFKA, p, KafkaTopicRules.questions(p, A),
                KafkaTopicRules.signals(p, A), A);
        assertEquals(7_200L * (300 + 64), rec.redisMemoryBytes(), "records × (mean size + measured per-entry overhead)");
        assertEquals(8_000L, rec.maxlen(), "max(7,200 retained, 2/s × 3,600 s) rounded up to a thousand");
        assertEquals(List.of("notifier"), rec.groups());
    }

    // ---- hysteresis ------------------------------------------------------------------------------

    @Test
    void h1InsufficientDataUntilMinObservationThenOnlyAfterStableEvaluations() {
        VerdictTracker tracker = new VerdictTracker();
        Instant t0 = Instant.parse("2026-11-29T10:00:00Z");
        Duration min = Duration.ofMinutes(15);
        assertEquals(Verdict.INSUFFICIENT_DATA, tracker.evaluate("w", Verdict.OUTGROWN_REDIS, t0, min, 3).verdict());
        assertEquals(Verdict.INSUFFICIENT_DATA, tracker.evaluate("w", Verdict.OUTGROWN_REDIS, t0.plusSeconds(899), min, 3).verdict());
        assertEquals(Verdict.INSUFFICIENT_DATA, tracker.evaluate("w", Verdict.OUTGROWN_REDIS, t0.plusSeconds(900), min, 3).verdict(), "1 of 3");
        VerdictTracker.State second = tracker.evaluate("w", Verdict.OUTGROWN_REDIS, t0.plusSeconds(915), min, 3);
        assertEquals(Verdict.INSUFFICIENT_DATA, second.verdict());
        assertEquals(Verdict.OUTGROWN_REDIS, second.candidate());
        VerdictTracker.State third = tracker.evaluate("w", Verdict.OUTGROWN_REDIS, t0.plusSeconds(930), min, 3);
        assertEquals(Verdict.OUTGROWN_REDIS, third.verdict(), "held for 3 consecutive evaluations");
        assertEquals(t0.plusSeconds(930), third.since());
    }

    @Test
    void h2AlternatingProposalsNeverFlipTheVerdict() {
        VerdictTracker tracker = new VerdictTracker();
        Instant t = Instant.parse("2026-11-29T10:00:00Z");
        for (int i = 0; i < 3; i++) {
            tracker.evaluate("w", Verdict.FITS, t.plusSeconds(i), Duration.ZERO, 3);
        }
        for (int i = 3; i < 30; i++) {
            Verdict proposed = i % 2 == 0 ? Verdict.OUTGROWN_REDIS : Verdict.FITS;
            assertEquals(Verdict.FITS, tracker.evaluate("w", proposed, t.plusSeconds(i), Duration.ZERO, 3).verdict());
        }
        tracker.evaluate("w", Verdict.OUTGROWN_REDIS, t.plusSeconds(40), Duration.ZERO, 3);
        tracker.evaluate("w", Verdict.OUTGROWN_REDIS, t.plusSeconds(41), Duration.ZERO, 3);
        assertEquals(Verdict.FITS, tracker.evaluate("w", Verdict.FITS, t.plusSeconds(42), Duration.ZERO, 3).verdict(), "a run broken before 3 resets");
    }
}
