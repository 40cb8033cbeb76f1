package dev.streamfit.advisor;

import static dev.streamfit.advisor.Answer.NO;
import static dev.streamfit.advisor.Answer.UNKNOWN;
import static dev.streamfit.advisor.Answer.YES;
import static dev.streamfit.advisor.Verdict.FITS;
import static dev.streamfit.advisor.Verdict.OUTGROWN_REDIS;
import static dev.streamfit.advisor.Verdict.OVERBUILT_KAFKA;
import static dev.streamfit.findings.Rule.KAFKA_TOPIC_EMPTY;
import static dev.streamfit.findings.Rule.KAFKA_TOPIC_EXCESS_PARTITIONS;
import static dev.streamfit.findings.Rule.KAFKA_TOPIC_IDLE;
import static dev.streamfit.findings.Rule.KAFKA_TOPIC_QUEUE_LIKE;
import static dev.streamfit.findings.Rule.REDIS_DURABILITY_MISMATCH;
import static dev.streamfit.findings.Rule.REDIS_EVICTIONS;
import static dev.streamfit.findings.Rule.REDIS_MEMORY_EXHAUSTION_PROJECTED;
import static dev.streamfit.findings.Rule.REDIS_STREAM_MEMORY_SHARE;
import static dev.streamfit.findings.Rule.REDIS_STREAM_WRITE_RATE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.findings.Observation;
import dev.streamfit.findings.Rule;
import dev.streamfit.health.RedisHealthRules;
import dev.streamfit.health.ServerFinding;
import dev.streamfit.redis.RedisInstanceSnapshot;
import dev.streamfit.support.TestConfig;

/**
 * The advisor's correctness proof: every question's YES/NO/UNKNOWN boundary, every verdict, the
 * footprint and overbuild signals, hysteresis and minimum observation, and the numbers of the
 * recommendations, as numbered named cases. Each row starts from a described base and states only
 * what differs, e.g. {@code stream().rewound("g2")}. Thresholds are the defaults.
 * <p>
 * The Redis server's signals (evictions, exhaustion projected, durability mismatch) come from the
 * health rules, as in the running service: a row describes the server, {@link RedisHealthRules}
 * judges it, and the findings that concern the stream become its signals.
 */
class AdvisorRulesTest {

    static final StreamFitConfig CONFIG = TestConfig.load(Map.of());
    static final StreamFitConfig.Advisor A = CONFIG.advisor();
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;
    static final double HOUR = 3_600;
    static final Duration HOUR_WINDOW = Duration.ofHours(1);

    // ---- Redis -----------------------------------------------------------------------------------

    /**
     * The base: stream {@code s} with groups g1–g3 of which g1 is active, trimmed, an hour old, 1 MiB,
     * peak 10 entries/s; on a server with AOF on, 100 MiB of 1 GiB used, noeviction, nothing evicted,
     * no growth. No question answers YES.
     */
    static RedisCase stream() {
        return new RedisCase();
    }

    static final class RedisCase {
        private List<String> groups = List.of("g1", "g2", "g3");
        private List<String> active = List.of("g1");
        private List<String> rewound = List.of();
        private List<String> farBehind = List.of();
        private double historyReads = 0;
        private Boolean neverTrimmed = false;
        private Double oldest = HOUR;
        private Long memory = MIB;
        private double peak = 10;
        private long maxConsumers = 2;
        private Boolean aof = true;
        /** CONFIG GET save: "" = no save points (with AOF off: persistence proven off). */
        private String savePoints = "3600 1";
        private Long maxmemory = GIB;
        private long used = 100 * MIB;
        private String policy = "noeviction";
        private double evicted = 0;
        private double serverGrowth = 0;
        private boolean streamGrows = false;

        RedisCase groups(String... names) {
            groups = List.of(names);
            return this;
        }

        RedisCase noGroups() {
            groups = List.of();
            active = List.of();
            return this;
        }

        RedisCase active(String... names) {
            active = List.of(names);
            return this;
        }

        /** The group moved its last-delivered-id back (XGROUP SETID). */
        RedisCase rewound(String group) {
            rewound = List.of(group);
            return this;
        }

        RedisCase farBehind(String group) {
            farBehind = List.of(group);
            return this;
        }

        RedisCase historyReads(double perSecond) {
            historyReads = perSecond;
            return this;
        }

        RedisCase neverTrimmed() {
            neverTrimmed = true;
            return this;
        }

        /** Redis 6.2 reports neither entries-added nor max-deleted-entry-id. */
        RedisCase trimUnknown() {
            neverTrimmed = null;
            return this;
        }

        RedisCase oldest(double seconds) {
            oldest = seconds;
            return this;
        }

        RedisCase idsNotTimeBased() {
            oldest = null;
            return this;
        }

        RedisCase memory(long bytes) {
            memory = bytes;
            return this;
        }

        RedisCase peak(double entriesPerSecond) {
            peak = entriesPerSecond;
            return this;
        }

        RedisCase consumers(long perGroup) {
            maxConsumers = perGroup;
            return this;
        }

        /** Proven off: AOF off and no save points. */
        RedisCase withoutPersistence() {
            aof = false;
            savePoints = "";
            return this;
        }

        /** AOF off, save points configured, no RDB save yet (a default Redis 7 just started): unknown. */
        RedisCase defaultRdbNotYetSaved() {
            aof = false;
            return this;
        }

        RedisCase maxmemory(long bytes) {
            maxmemory = bytes;
            return this;
        }

        RedisCase used(long bytes) {
            used = bytes;
            return this;
        }

        RedisCase policy(String maxmemoryPolicy) {
            policy = maxmemoryPolicy;
            return this;
        }

        /** Keys the server evicted in the window. */
        RedisCase evicted(double keys) {
            evicted = keys;
            return this;
        }

        /** The server's used_memory grows at this rate over the window. */
        RedisCase serverGrows(double bytesPerSecond) {
            serverGrowth = bytesPerSecond;
            return this;
        }

        /** The stream's own memory grows over the window. */
        RedisCase streamGrows() {
            streamGrows = true;
            return this;
        }

        RedisInstanceSnapshot server() {
            return new RedisInstanceSnapshot("h:1", "7.0.15", "master", used, used, maxmemory, policy, 1.0, 0L, aof, "ok", 0L, 0L, Map.of(),
                    0L, savePoints, 0, null);
        }

        /** What the health stage would attach to the stream: its server findings that concern {@code s}. */
        List<Observation> serverFindings(RedisInstanceSnapshot server) {
            List<String> self = List.of("s");
            boolean log = RedisHealthRules.keptLikeALog(neverTrimmed, oldest, () -> !rewound.isEmpty(), A.longRetention());
            var facts = new RedisHealthRules.ServerFacts(server, evicted, serverGrowth, groups.isEmpty() ? List.of() : self,
                    () -> streamGrows ? self : List.of(), () -> log ? self : List.of());
            return RedisHealthRules.serverRules(facts, CONFIG).stream().filter(f -> f.streams().contains("s")).map(ServerFinding::observation)
                    .toList();
        }

        RedisStreamProfile profile() {
            RedisInstanceSnapshot server = server();
            return new RedisStreamProfile("s", 5.0, peak, 1000, memory, memory == null ? null : memory / 1000.0, oldest, groups, active,
                    rewound, farBehind, maxConsumers, neverTrimmed, server, serverFindings(server), historyReads, 120.0);
        }

        @Override
        public String toString() {
            return "a Redis stream";
        }
    }

    static Function<Questions, QuestionAnswer> replay = Questions::replay;
    static Function<Questions, QuestionAnswer> fanOut = Questions::fanOut;
    static Function<Questions, QuestionAnswer> longTermValue = Questions::longTermValue;
    static Function<Questions, QuestionAnswer> longRetention = Questions::longRetention;

    static Stream<Arguments> redisQuestions() {
        return Stream.of(
                Arguments.of("R1 replay: a group moved back (SETID)", stream().rewound("g2"), replay, YES),
                Arguments.of("R2 replay: a group far behind the tail", stream().farBehind("g3"), replay, YES),
                Arguments.of("R3 replay: history reads at the threshold (weak)", stream().historyReads(1.0), replay, YES),
                Arguments.of("R4 replay: history reads just below", stream().historyReads(0.99), replay, NO),
                Arguments.of("R5 fanOut: 2 active groups", stream().active("a", "b"), fanOut, YES),
                Arguments.of("R6 fanOut: 1 active group", stream(), fanOut, NO),
                Arguments.of("R7 longTermValue: never trimmed, AOF on", stream().neverTrimmed(), longTermValue, YES),
                Arguments.of("R8 longTermValue: trimmed", stream(), longTermValue, NO),
                Arguments.of("R9 longTermValue: never trimmed, no persistence", stream().neverTrimmed().withoutPersistence(), longTermValue, NO),
                Arguments.of("R10 longTermValue: Redis 6.2 cannot tell", stream().trimUnknown(), longTermValue, UNKNOWN),
                Arguments.of("R10a longTermValue: never trimmed on a default Redis 7 before its first save: persistence unknown",
                        stream().neverTrimmed().defaultRdbNotYetSaved(), longTermValue, UNKNOWN),
                Arguments.of("R11 longRetention: oldest exactly 24 h", stream().oldest(24 * HOUR), longRetention, YES),
                Arguments.of("R12 longRetention: oldest 23.9 h", stream().oldest(86_000), longRetention, NO),
                Arguments.of("R13 longRetention: IDs not time-based", stream().idsNotTimeBased(), longRetention, UNKNOWN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redisQuestions")
    void redisQuestion(String name, RedisCase stream, Function<Questions, QuestionAnswer> question, Answer expected) {
        QuestionAnswer answer = question.apply(RedisStreamRules.questions(stream.profile(), A));
        assertEquals(expected, answer.answer(), answer.evidence());
    }

    static Stream<Arguments> redisVerdicts() {
        return Stream.of(
                Arguments.of("V1 no yes, no capacity signal: FITS", stream(), FITS, List.of()),
                Arguments.of("V2 two yes (fanOut + longRetention): OUTGROWN_REDIS", stream().active("a", "b").oldest(25 * HOUR), OUTGROWN_REDIS,
                        List.of()),
                Arguments.of("V3 the stream holds 30 % of maxmemory", stream().used(500 * MIB).memory((long) (0.3 * GIB)), OUTGROWN_REDIS,
                        List.of(REDIS_STREAM_MEMORY_SHARE)),
                Arguments.of("V4 maxmemory reached in 2.8 h while the stream grows", stream().used(GIB - 100_000_000L).serverGrows(10_000).streamGrows(),
                        OUTGROWN_REDIS, List.of(REDIS_MEMORY_EXHAUSTION_PROJECTED)),
                Arguments.of("V5 the server grows, this stream does not", stream().used(GIB - 100_000_000L).serverGrows(10_000), FITS, List.of()),
                Arguments.of("V6 maxmemory in 11.6 days: beyond the horizon", stream().used(GIB - 100_000_000L).serverGrows(100).streamGrows(), FITS,
                        List.of()),
                Arguments.of("V7 groups on a stream allkeys-lru may evict, and a yes (25 h old): OUTGROWN_REDIS",
                        stream().policy("allkeys-lru").oldest(25 * HOUR), OUTGROWN_REDIS, List.of(REDIS_DURABILITY_MISMATCH)),
                Arguments.of("V8 groups on a stream allkeys-lru may evict, but no yes: nothing relies on keeping it, FITS",
                        stream().policy("allkeys-lru"), FITS, List.of()),
                Arguments.of("V9 a queue-like stream (trimmed, young, not replayed) without persistence: process and forget, FITS",
                        stream().withoutPersistence(), FITS, List.of()),
                Arguments.of("V10 never trimmed without persistence, read by two groups: OUTGROWN_REDIS",
                        stream().neverTrimmed().withoutPersistence().active("a", "b"), OUTGROWN_REDIS, List.of(REDIS_DURABILITY_MISMATCH)),
                Arguments.of("V11 never trimmed without persistence, no yes: FITS", stream().neverTrimmed().withoutPersistence(), FITS, List.of()),
                Arguments.of("V11a never trimmed, two groups, default Redis 7 before its first save: no durability signal, FITS",
                        stream().neverTrimmed().defaultRdbNotYetSaved().active("a", "b"), FITS, List.of()),
                Arguments.of("V12 replayed (SETID) without persistence: OUTGROWN_REDIS", stream().rewound("g2").withoutPersistence(), OUTGROWN_REDIS,
                        List.of(REDIS_DURABILITY_MISMATCH)),
                Arguments.of("V13 25 h old without persistence: OUTGROWN_REDIS", stream().oldest(25 * HOUR).withoutPersistence(), OUTGROWN_REDIS,
                        List.of(REDIS_DURABILITY_MISMATCH)),
                Arguments.of("V14 evictions in the window while groups rely on the stream", stream().evicted(12), OUTGROWN_REDIS,
                        List.of(REDIS_EVICTIONS)),
                Arguments.of("V15 evictions in the window, the stream has no group: not its signal", stream().evicted(12).noGroups(), FITS, List.of()),
                Arguments.of("V16 peak write rate at one shard's budget", stream().peak(25_000), OUTGROWN_REDIS, List.of(REDIS_STREAM_WRITE_RATE)),
                Arguments.of("V17 no maxmemory: no share or projection signal",
                        stream().maxmemory(0).used(GIB).memory(GIB).serverGrows(10_000).streamGrows(), FITS, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redisVerdicts")
    void redisVerdict(String name, RedisCase stream, Verdict expected, List<Rule> rules) {
        RedisStreamProfile p = stream.profile();
        Questions q = RedisStreamRules.questions(p, A);
        List<Signal> signals = RedisStreamRules.signals(p, q, A);
        assertEquals(rules, signals.stream().map(Signal::rule).toList());
        assertEquals(expected, RedisStreamRules.verdict(q, signals));
    }

    @Test
    void n1OutgrownStreamGetsPartitionsFromPeakAndConsumersAndRetentionFromAge() {
        RedisStreamProfile p = stream().active("a", "b").neverTrimmed().oldest(30 * HOUR).peak(2_500).consumers(2).profile();
        Recommendation rec = RedisStreamRules.recommendation(OUTGROWN_REDIS, p, RedisStreamRules.questions(p, A), List.of(), A);
        assertEquals(3, rec.kafkaPartitions(), "ceil(2500 / 1000) = 3 > 2 consumers");
        assertEquals(45L, rec.kafkaRetentionHours(), "1.5 × 30 h");
    }

    @Test
    void aServerSignalCarriesTheHealthFindingsFigures() {
        Signal evictions = RedisStreamRules.signals(stream().evicted(12).profile(), RedisStreamRules.questions(stream().profile(), A), A).get(0);
        assertEquals(REDIS_EVICTIONS.severity(), evictions.severity());
        assertEquals(12.0, evictions.value());
        assertEquals("server h:1 evicted 12 keys in the window while consumer groups rely on 1 stream (s) on it", evictions.message());
    }

    // ---- Kafka -----------------------------------------------------------------------------------

    /** The base, an overbuilt topic: 24 partitions, 2 records/s, one group at the tail, 1 h retention, 7,200 × 300 B retained. */
    static TopicCase overbuilt() {
        return new TopicCase();
    }

    static final class TopicCase {
        private String name = "notifications";
        private int partitions = 24;
        private Long retentionMs = 3_600_000L;
        private String policy = "delete";
        private Double peak = 2.0;
        private Long retained = 7_200L;
        private boolean sizeKnown = true;
        private List<String> groups = List.of("notifier");
        private List<String> atTail = List.of("notifier");
        private int consumers = 1;

        TopicCase named(String topic) {
            name = topic;
            return this;
        }

        TopicCase partitions(int count) {
            partitions = count;
            return this;
        }

        TopicCase retention(Duration retention) {
            retentionMs = retention.toMillis();
            return this;
        }

        TopicCase unlimitedRetention() {
            retentionMs = -1L;
            return this;
        }

        TopicCase policy(String cleanupPolicy) {
            policy = cleanupPolicy;
            return this;
        }

        /** describeConfigs failed: retention and cleanup policy unknown. */
        TopicCase configsUnknown() {
            retentionMs = null;
            policy = null;
            return this;
        }

        /** Peak and mean write rate, records/s. */
        TopicCase writes(double recordsPerSecond) {
            peak = recordsPerSecond;
            return this;
        }

        TopicCase retained(long records) {
            retained = records;
            return this;
        }

        /** Active groups, each at the tail. */
        TopicCase groups(String... names) {
            groups = List.of(names);
            atTail = List.of(names);
            return this;
        }

        TopicCase noGroups() {
            groups = List.of();
            atTail = List.of();
            consumers = 0;
            return this;
        }

        TopicCase notAtTail() {
            atTail = List.of();
            return this;
        }

        /** A partition is offline: its offsets, so the records retained, are unknown. */
        TopicCase offlinePartition() {
            retained = null;
            return this;
        }

        /** DescribeLogDirs denied: the size on disk, so the bytes per record, are unknown. */
        TopicCase sizeUnknown() {
            sizeKnown = false;
            return this;
        }

        /** Fewer than two samples: no rate yet. */
        TopicCase rateUnknown() {
            peak = null;
            return this;
        }

        KafkaTopicProfile profile() {
            Long bytes = retained == null || !sizeKnown ? null : retained * 300;
            Double perRecord = bytes == null || retained == 0 ? null : 300.0;
            return new KafkaTopicProfile(name, partitions, retentionMs, policy, peak, peak, retained, bytes, perRecord,
                    Long.valueOf(0).equals(retained) ? null : 1800.0, groups, groups, List.of(), List.of(), atTail, consumers);
        }

        @Override
        public String toString() {
            return "topic " + name;
        }
    }

    static Stream<Arguments> kafkaVerdicts() {
        return Stream.of(
                Arguments.of("K1 24 partitions for 2 records/s, queue-like: OVERBUILT_KAFKA", overbuilt(), OVERBUILT_KAFKA,
                        List.of(KAFKA_TOPIC_EXCESS_PARTITIONS, KAFKA_TOPIC_QUEUE_LIKE)),
                Arguments.of("K2 Kafka Streams changelog: FITS whatever the signals", overbuilt().named("app-store-changelog"), FITS,
                        List.of(KAFKA_TOPIC_EXCESS_PARTITIONS, KAFKA_TOPIC_QUEUE_LIKE)),
                Arguments.of("K3 Kafka Connect offsets topic: FITS", overbuilt().named("connect-offsets").partitions(25).writes(0).retained(10).noGroups(),
                        FITS, List.of(KAFKA_TOPIC_EXCESS_PARTITIONS, KAFKA_TOPIC_IDLE)),
                Arguments.of("K4 compacted topic used as state: FITS", overbuilt().named("user-profiles").policy("compact"), FITS,
                        List.of(KAFKA_TOPIC_EXCESS_PARTITIONS, KAFKA_TOPIC_QUEUE_LIKE)),
                Arguments.of("K5 two yes (fan-out, 7 d retention): FITS", overbuilt().named("payments").retention(Duration.ofDays(7)).groups("a", "b"),
                        FITS, List.of(KAFKA_TOPIC_EXCESS_PARTITIONS)),
                Arguments.of("K6 4 GiB for Redis: over the memory budget, FITS", overbuilt().named("big").retained(12_000_000), FITS,
                        List.of(KAFKA_TOPIC_EXCESS_PARTITIONS, KAFKA_TOPIC_QUEUE_LIKE)),
                Arguments.of("K7 peak 5,000 records/s: over the rate budget, FITS", overbuilt().named("fast").writes(5_000), FITS,
                        List.of(KAFKA_TOPIC_EXCESS_PARTITIONS, KAFKA_TOPIC_QUEUE_LIKE)),
                Arguments.of("K8 3 partitions, 1 consumer, its group behind the tail: no overbuild signal, FITS",
                        overbuilt().named("orders").partitions(3).retention(Duration.ofDays(2)).notAtTail(), FITS, List.of()),
                Arguments.of("K9 partitions exactly 4 × needed: flagged", overbuilt().named("four").partitions(4).retention(Duration.ofDays(2)).notAtTail(),
                        OVERBUILT_KAFKA, List.of(KAFKA_TOPIC_EXCESS_PARTITIONS)),
                Arguments.of("K10 3 partitions, 1 consumer: not flagged", overbuilt().named("three").partitions(3).retention(Duration.ofDays(2)).notAtTail(),
                        FITS, List.of()),
                Arguments.of("K11 idle and empty: OVERBUILT_KAFKA",
                        overbuilt().named("unused").partitions(1).retention(Duration.ofDays(2)).writes(0).retained(0).noGroups(), OVERBUILT_KAFKA,
                        List.of(KAFKA_TOPIC_IDLE, KAFKA_TOPIC_EMPTY)),
                Arguments.of("K12 an offline partition: records unknown, not empty, never OVERBUILT",
                        overbuilt().named("offline").partitions(1).retention(Duration.ofDays(2)).writes(0).offlinePartition().noGroups(), FITS,
                        List.of(KAFKA_TOPIC_IDLE)),
                Arguments.of("K13 size on disk unknown (DescribeLogDirs denied): footprint unknown, FITS", overbuilt().named("denied").sizeUnknown(),
                        FITS, List.of(KAFKA_TOPIC_EXCESS_PARTITIONS, KAFKA_TOPIC_QUEUE_LIKE)),
                Arguments.of("K14 peak rate unknown: no excess-partitions signal on a made-up 0, FITS", overbuilt().named("new").rateUnknown(),
                        FITS, List.of(KAFKA_TOPIC_QUEUE_LIKE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kafkaVerdicts")
    void kafkaVerdict(String name, TopicCase topic, Verdict expected, List<Rule> rules) {
        KafkaTopicProfile p = topic.profile();
        List<Signal> signals = KafkaTopicRules.signals(p, A);
        assertEquals(rules, signals.stream().map(Signal::rule).toList());
        assertEquals(expected, KafkaTopicRules.verdict(p, KafkaTopicRules.questions(p, A), signals, A));
    }

    static Stream<Arguments> kafkaQuestions() {
        return Stream.of(
                Arguments.of("KQ1 longTermValue: unlimited retention", overbuilt().unlimitedRetention(), YES),
                Arguments.of("KQ2 longTermValue: exactly 7 d", overbuilt().retention(Duration.ofDays(7)), YES),
                Arguments.of("KQ3 longTermValue: 6 d", overbuilt().retention(Duration.ofDays(6)), NO),
                Arguments.of("KQ4 longTermValue: compact,delete", overbuilt().policy("compact,delete"), YES),
                Arguments.of("KQ5 longTermValue: configs not described", overbuilt().configsUnknown(), UNKNOWN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kafkaQuestions")
    void kafkaLongTermValue(String name, TopicCase topic, Answer expected) {
        assertEquals(expected, KafkaTopicRules.longTermValue(topic.profile(), A).answer());
    }

    @Test
    void n2OverbuiltTopicGetsRedisMemoryMaxlenAndGroups() {
        KafkaTopicProfile p = overbuilt().profile();
        Recommendation rec = KafkaTopicRules.recommendation(OVERBUILT_KAFKA, p, KafkaTopicRules.questions(p, A), KafkaTopicRules.signals(p, A), A);
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
        assertEquals(Verdict.INSUFFICIENT_DATA, tracker.evaluate("w", Verdict.OUTGROWN_REDIS, t0, min, 3, HOUR_WINDOW).verdict());
        assertEquals(Verdict.INSUFFICIENT_DATA, tracker.evaluate("w", Verdict.OUTGROWN_REDIS, t0.plusSeconds(899), min, 3, HOUR_WINDOW).verdict());
        assertEquals(Verdict.INSUFFICIENT_DATA, tracker.evaluate("w", Verdict.OUTGROWN_REDIS, t0.plusSeconds(900), min, 3, HOUR_WINDOW).verdict(), "1 of 3");
        VerdictTracker.State second = tracker.evaluate("w", Verdict.OUTGROWN_REDIS, t0.plusSeconds(915), min, 3, HOUR_WINDOW);
        assertEquals(Verdict.INSUFFICIENT_DATA, second.verdict());
        assertEquals(Verdict.OUTGROWN_REDIS, second.candidate());
        VerdictTracker.State third = tracker.evaluate("w", Verdict.OUTGROWN_REDIS, t0.plusSeconds(930), min, 3, HOUR_WINDOW);
        assertEquals(Verdict.OUTGROWN_REDIS, third.verdict(), "held for 3 consecutive evaluations");
        assertEquals(t0.plusSeconds(930), third.since());
    }

    @Test
    void h3AGapLongerThanTheWindowStartsObservationAgain() {
        Instant t0 = Instant.parse("2026-11-29T10:00:00Z");
        Duration min = Duration.ofMinutes(15);
        for (Duration gap : List.of(Duration.ofMinutes(59), Duration.ofMinutes(61))) {
            VerdictTracker tracker = new VerdictTracker();
            Instant last = t0;
            for (long s : new long[] {0, 900, 915, 930}) {
                last = t0.plusSeconds(s);
                tracker.evaluate("w", Verdict.FITS, last, min, 3, HOUR_WINDOW);
            }
            assertEquals(Verdict.FITS, tracker.evaluate("w", Verdict.FITS, last.plusSeconds(15), min, 3, HOUR_WINDOW).verdict());
            Instant back = last.plusSeconds(15).plus(gap);
            VerdictTracker.State state = tracker.evaluate("w", Verdict.FITS, back, min, 3, HOUR_WINDOW);
            if (gap.compareTo(HOUR_WINDOW) > 0) {
                assertEquals(Verdict.INSUFFICIENT_DATA, state.verdict(), "after a gap longer than the window 1–3 samples back no verdict");
                assertEquals(back, state.firstSeen(), "observation starts again");
            } else {
                assertEquals(Verdict.FITS, state.verdict(), "a gap shorter than the window keeps the verdict");
            }
        }
    }

    @Test
    void h2AlternatingProposalsNeverFlipTheVerdict() {
        VerdictTracker tracker = new VerdictTracker();
        Instant t = Instant.parse("2026-11-29T10:00:00Z");
        for (int i = 0; i < 3; i++) {
            tracker.evaluate("w", Verdict.FITS, t.plusSeconds(i), Duration.ZERO, 3, HOUR_WINDOW);
        }
        for (int i = 3; i < 30; i++) {
            Verdict proposed = i % 2 == 0 ? Verdict.OUTGROWN_REDIS : Verdict.FITS;
            assertEquals(Verdict.FITS, tracker.evaluate("w", proposed, t.plusSeconds(i), Duration.ZERO, 3, HOUR_WINDOW).verdict());
        }
        tracker.evaluate("w", Verdict.OUTGROWN_REDIS, t.plusSeconds(40), Duration.ZERO, 3, HOUR_WINDOW);
        tracker.evaluate("w", Verdict.OUTGROWN_REDIS, t.plusSeconds(41), Duration.ZERO, 3, HOUR_WINDOW);
        assertEquals(Verdict.FITS, tracker.evaluate("w", Verdict.FITS, t.plusSeconds(42), Duration.ZERO, 3, HOUR_WINDOW).verdict(), "a run broken before 3 resets");
    }
}
