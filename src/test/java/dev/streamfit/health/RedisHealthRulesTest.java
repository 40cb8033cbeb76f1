package dev.streamfit.health;

import static dev.streamfit.findings.Rule.REDIS_DURABILITY_MISMATCH;
import static dev.streamfit.findings.Rule.REDIS_EVICTIONS;
import static dev.streamfit.findings.Rule.REDIS_GROUP_FELL_OFF_TRIM;
import static dev.streamfit.findings.Rule.REDIS_GROUP_LAG_GROWING;
import static dev.streamfit.findings.Rule.REDIS_GROUP_STALLED;
import static dev.streamfit.findings.Rule.REDIS_MEMORY_EXHAUSTION_PROJECTED;
import static dev.streamfit.findings.Rule.REDIS_MEMORY_NO_LIMIT;
import static dev.streamfit.findings.Rule.REDIS_MEMORY_PRESSURE;
import static dev.streamfit.findings.Rule.REDIS_PENDING_POISON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.findings.Observation;
import dev.streamfit.findings.Rule;
import dev.streamfit.history.RedisHistory;
import dev.streamfit.history.SampleRing;
import dev.streamfit.redis.RedisConsumerSnapshot;
import dev.streamfit.redis.RedisGroupSnapshot;
import dev.streamfit.redis.RedisInstanceSnapshot;
import dev.streamfit.redis.RedisStreamSnapshot;
import dev.streamfit.support.TestConfig;

/**
 * The Redis health rules' correctness proof: each rule's boundaries as numbered, named rows that read
 * like sentences — {@code group().oldestPendingIdle(301)}, {@code server().evicted(12)} — and, for the
 * server rules, which streams each finding concerns (what the advisor attaches it to). Thresholds
 * are the defaults: stalled-after 5 min, poison-deliveries 5, memory-pressure 0.9, memory-horizon
 * 24 h, long-retention 24 h.
 */
class RedisHealthRulesTest {

    static final StreamFitConfig CONFIG = TestConfig.load(Map.of());
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;
    static final double HOUR = 3_600;

    // ---- group rules -----------------------------------------------------------------------------

    /** The base: group {@code g} of stream {@code s}, caught up, nothing pending, nothing trimmed, no lag history. */
    static GroupCase group() {
        return new GroupCase();
    }

    static final class GroupCase {
        private Double lagSeconds = 0.0;
        private Double oldestPendingIdle = null;
        private Long deliveries = null;
        private Long trimmedBeforeRead = 0L;
        private List<RedisConsumerSnapshot> consumers = null;
        private double[] lags = {};

        GroupCase oldestPendingIdle(double seconds) {
            oldestPendingIdle = seconds;
            return this;
        }

        /** The oldest undelivered entry has waited this long. */
        GroupCase waited(double seconds) {
            lagSeconds = seconds;
            return this;
        }

        /** A consumer last seen this long ago (Redis before 7.2: idle only). */
        GroupCase consumerIdle(double seconds) {
            return consumer(seconds, null);
        }

        /** A consumer that interacted {@code idle} seconds ago but last read {@code inactive} seconds ago (Redis 7.2+). */
        GroupCase consumer(double idle, Double inactive) {
            consumers = consumers == null ? new ArrayList<>() : consumers;
            consumers.add(new RedisConsumerSnapshot("c" + consumers.size(), 0, idle, inactive));
            return this;
        }

        /** The oldest pending entry was delivered this many times. */
        GroupCase delivered(long times) {
            deliveries = times;
            return this;
        }

        GroupCase trimmedBeforeRead(Long entries) {
            trimmedBeforeRead = entries;
            return this;
        }

        /** The group's lag at each sample of the window, oldest first. */
        GroupCase lags(double... values) {
            lags = values;
            return this;
        }

        RedisGroupSnapshot snapshot() {
            return new RedisGroupSnapshot("g", consumers == null ? 1 : consumers.size(), oldestPendingIdle == null ? 0 : 1, 0L, lagSeconds, 10L,
                    "1-0", oldestPendingIdle, deliveries, trimmedBeforeRead, consumers);
        }

        @Override
        public String toString() {
            return "group g";
        }
    }

    static RedisStreamSnapshot stream(RedisGroupSnapshot group) {
        return new RedisStreamSnapshot("s", null, 10, 1000L, "1-0", "10-0", "10-0", 10L, "0-0", "1-0", 1L, 60.0, 60.0, 0L, 100.0, List.of(group), null);
    }

    static Stream<Arguments> groupRules() {
        double unknown = Double.NaN;
        return Stream.of(
                Arguments.of("G1 caught up, nothing pending: nothing", group(), List.of()),
                Arguments.of("G2 oldest pending idle 300 s, exactly stalled-after: not stalled", group().oldestPendingIdle(300), List.of()),
                Arguments.of("G3 oldest pending idle 301 s: stalled", group().oldestPendingIdle(301), List.of(REDIS_GROUP_STALLED)),
                Arguments.of("G4 entries waited 301 s, no consumer details: stalled", group().waited(301), List.of(REDIS_GROUP_STALLED)),
                Arguments.of("G5 entries waited 300 s: not yet stalled", group().waited(300), List.of()),
                Arguments.of("G6 entries waited 301 s, a consumer active 10 s ago: not stalled", group().waited(301).consumerIdle(10), List.of()),
                Arguments.of("G7 entries waited 301 s, every consumer idle 400 s: stalled", group().waited(301).consumerIdle(400).consumerIdle(500),
                        List.of(REDIS_GROUP_STALLED)),
                Arguments.of("G8 Redis 7.2: a consumer that pinged 10 s ago but last read 400 s ago is not active", group().waited(301).consumer(10, 400.0),
                        List.of(REDIS_GROUP_STALLED)),
                Arguments.of("G9 oldest pending delivered 5 times, exactly poison-deliveries: not poison", group().delivered(5), List.of()),
                Arguments.of("G10 oldest pending delivered 6 times: poison", group().delivered(6), List.of(REDIS_PENDING_POISON)),
                Arguments.of("G11 3 entries trimmed before the group read them", group().trimmedBeforeRead(3L), List.of(REDIS_GROUP_FELL_OFF_TRIM)),
                Arguments.of("G12 Redis 6.2 cannot count trimmed entries: nothing", group().trimmedBeforeRead(null), List.of()),
                Arguments.of("G13 lag 2, 5, 9: growing", group().lags(2, 5, 9), List.of(REDIS_GROUP_LAG_GROWING)),
                Arguments.of("G14 lag 0, 0, 0, 0, 3: caught up meanwhile, a record just before the poll is not a trend", group().lags(0, 0, 0, 0, 3),
                        List.of()),
                Arguments.of("G15 lag 5, 9: two samples are one step, not a trend", group().lags(5, 9), List.of()),
                Arguments.of("G16 lag 5, 9, 7: shrank", group().lags(5, 9, 7), List.of()),
                Arguments.of("G17 lag 5, unknown (after SETID), 9: not a trend", group().lags(5, unknown, 9), List.of()),
                Arguments.of("G18 lag 4, 4, 4: flat", group().lags(4, 4, 4), List.of()),
                Arguments.of("G19 lag 4, 4, 5: grew", group().lags(4, 4, 5), List.of(REDIS_GROUP_LAG_GROWING)),
                Arguments.of("G20 stalled, poison and growing at once, in rule order",
                        group().oldestPendingIdle(900).delivered(9).trimmedBeforeRead(1L).lags(1, 2, 3),
                        List.of(REDIS_GROUP_FELL_OFF_TRIM, REDIS_GROUP_STALLED, REDIS_PENDING_POISON, REDIS_GROUP_LAG_GROWING)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groupRules")
    void groupRule(String name, GroupCase group, List<Rule> expected) {
        RedisGroupSnapshot g = group.snapshot();
        List<Observation> found = new ArrayList<>();
        RedisHealthRules.groupRules(stream(g), g, group.lags, CONFIG.rules().redis(), found);
        assertEquals(expected, found.stream().map(Observation::rule).toList());
        found.forEach(o -> assertEquals("s", o.workload(), "group rules name the stream"));
        found.forEach(o -> assertEquals("g", o.group(), "and the group"));
    }

    @Test
    void lagGrowingReportsTheLagAtTheEndAgainstTheLagAtTheStart() {
        RedisGroupSnapshot g = group().snapshot();
        Observation o = RedisHealthRules.lagGrowing(stream(g), g, new double[] {2, 5, 9}).orElseThrow();
        assertEquals(9.0, o.value());
        assertEquals(2.0, o.threshold());
        assertEquals("lag of group g grew from 2 to 9 across the window", o.message());
    }

    // ---- server rules ----------------------------------------------------------------------------

    /**
     * The base: server h:1 with AOF on, 100 MiB of 1 GiB used, noeviction; stream {@code s} on it holds
     * consumer groups; nothing evicted, no memory growth; no stream grew or is kept like a log.
     */
    static ServerCase server() {
        return new ServerCase();
    }

    static final class ServerCase {
        private Long used = 100 * MIB;
        private Long maxmemory = GIB;
        private String policy = "noeviction";
        private Boolean aof = true;
        private Long rdbSaves = 0L;
        /** CONFIG GET save: "" = no save points; null = not allowed to ask. */
        private String savePoints = "3600 1";
        private List<String> withGroups = List.of("s");
        private Double evicted = 0.0;
        private Double growth = 0.0;
        private List<String> grown = List.of();
        private List<String> logs = List.of();

        ServerCase used(long bytes) {
            used = bytes;
            return this;
        }

        ServerCase maxmemory(long bytes) {
            maxmemory = bytes;
            return this;
        }

        ServerCase policy(String maxmemoryPolicy) {
            policy = maxmemoryPolicy;
            return this;
        }

        /** Proven off: AOF off and no save points (CONFIG GET save answers ""). */
        ServerCase withoutPersistence() {
            aof = false;
            savePoints = "";
            return this;
        }

        /** AOF off, save points configured, no save yet (Redis 7 before its first save): unknown. */
        ServerCase rdbConfiguredButNotYetSaved() {
            aof = false;
            rdbSaves = 0L;
            return this;
        }

        /** AOF off, no save since start, and CONFIG GET denied by the ACL: unknown. */
        ServerCase saveSettingNotReadable() {
            aof = false;
            savePoints = null;
            return this;
        }

        /** INFO says nothing about persistence (no aof_enabled, no rdb_saves). */
        ServerCase persistenceUnknown() {
            aof = null;
            rdbSaves = null;
            return this;
        }

        /** No stream on the server holds a consumer group. */
        ServerCase noGroups() {
            withGroups = List.of();
            return this;
        }

        ServerCase groupsOn(String... streams) {
            withGroups = List.of(streams);
            return this;
        }

        /** Keys evicted in the window. */
        ServerCase evicted(double keys) {
            evicted = keys;
            return this;
        }

        /** A single sample of history: nothing is known of evictions or growth yet. */
        ServerCase noHistory() {
            evicted = null;
            growth = null;
            return this;
        }

        /** used_memory grows at this rate over the window. */
        ServerCase growing(double bytesPerSecond) {
            growth = bytesPerSecond;
            return this;
        }

        /** These streams' own memory grew in the window. */
        ServerCase grown(String... streams) {
            grown = List.of(streams);
            return this;
        }

        /** These streams are kept like a log (never trimmed, old or replayed). */
        ServerCase keptLikeALog(String... streams) {
            logs = List.of(streams);
            return this;
        }

        RedisInstanceSnapshot snapshot() {
            return new RedisInstanceSnapshot("h:1", "7.0.15", "master", used, used, maxmemory, policy, 1.0, 0L, aof, "ok", 0L, 0L, Map.of(), rdbSaves,
                    savePoints, 0, null);
        }

        RedisHealthRules.ServerFacts facts() {
            return new RedisHealthRules.ServerFacts(snapshot(), evicted, growth, withGroups, () -> grown, () -> logs);
        }

        @Override
        public String toString() {
            return "server h:1";
        }
    }

    /** A rule expected to hold, and the streams whose verdicts it concerns. */
    record Raised(Rule rule, List<String> concerning) {
        @Override
        public String toString() {
            return rule.id() + (concerning.isEmpty() ? "" : " on " + concerning);
        }
    }

    static List<Raised> nothing() {
        return List.of();
    }

    static Raised raised(Rule rule, String... concerning) {
        return new Raised(rule, List.of(concerning));
    }

    static Stream<Arguments> serverRules() {
        return Stream.of(
                Arguments.of("S1 100 MiB of 1 GiB, nothing evicted, flat: nothing", server(), nothing()),
                Arguments.of("S2 exactly 90 % of maxmemory used: pressure", server().maxmemory(1_000_000_000L).used(900_000_000L),
                        List.of(raised(REDIS_MEMORY_PRESSURE))),
                Arguments.of("S3 89.9 % used: no pressure", server().maxmemory(1_000_000_000L).used(899_000_000L), nothing()),
                Arguments.of("S4 maxmemory 0 while streams hold groups: no limit", server().maxmemory(0), List.of(raised(REDIS_MEMORY_NO_LIMIT))),
                Arguments.of("S5 maxmemory 0, no stream holds a group: nothing", server().maxmemory(0).noGroups(), nothing()),
                Arguments.of("S6 12 keys evicted while s holds groups: evictions, on s", server().evicted(12), List.of(raised(REDIS_EVICTIONS, "s"))),
                Arguments.of("S7 evictions on every stream with groups, none on the others", server().groupsOn("s", "t").evicted(1),
                        List.of(raised(REDIS_EVICTIONS, "s", "t"))),
                Arguments.of("S8 keys evicted, no stream holds a group: nothing", server().evicted(12).noGroups(), nothing()),
                Arguments.of("S9 one sample of history: evictions and growth unknown, nothing", server().noHistory(), nothing()),
                Arguments.of("S10 maxmemory in 13.1 h at 20,000 B/s: projected, on the streams that grew",
                        server().growing(20_000).grown("s"), List.of(raised(REDIS_MEMORY_EXHAUSTION_PROJECTED, "s"))),
                Arguments.of("S11 the server fills, none of its streams grew: a finding on the server, a signal on none",
                        server().growing(20_000), List.of(raised(REDIS_MEMORY_EXHAUSTION_PROJECTED))),
                Arguments.of("S12 maxmemory exactly at the 24 h horizon: projected", server().used(GIB - 864_000_000L).growing(10_000),
                        List.of(raised(REDIS_MEMORY_EXHAUSTION_PROJECTED))),
                Arguments.of("S13 maxmemory in 10.9 days: beyond the horizon", server().growing(1_000).grown("s"), nothing()),
                Arguments.of("S14 shrinking: never projected", server().growing(-10_000), nothing()),
                Arguments.of("S15 no maxmemory: no projection (but no limit)", server().maxmemory(0).growing(10_000).grown("s"),
                        List.of(raised(REDIS_MEMORY_NO_LIMIT))),
                Arguments.of("S16 allkeys-lru while s holds groups: durability mismatch on s", server().policy("allkeys-lru"),
                        List.of(raised(REDIS_DURABILITY_MISMATCH, "s"))),
                Arguments.of("S17 allkeys-lru, no stream holds a group: nothing", server().policy("allkeys-lru").noGroups(), nothing()),
                Arguments.of("S18 volatile-lru leaves streams without TTL alone: nothing", server().policy("volatile-lru"), nothing()),
                Arguments.of("S19 no persistence, s kept like a log: durability mismatch on s", server().withoutPersistence().keptLikeALog("s"),
                        List.of(raised(REDIS_DURABILITY_MISMATCH, "s"))),
                Arguments.of("S20 no persistence, streams with groups but none kept like a log (queue-like): nothing", server().withoutPersistence(),
                        nothing()),
                Arguments.of("S21 persistence unknown never raises it", server().persistenceUnknown().keptLikeALog("s"), nothing()),
                Arguments.of("S21a a default Redis 7 before its first RDB save is not proven unpersisted: nothing",
                        server().rdbConfiguredButNotYetSaved().keptLikeALog("s"), nothing()),
                Arguments.of("S21b AOF off and no save yet, but CONFIG GET denied: unknown, nothing",
                        server().saveSettingNotReadable().keptLikeALog("s"), nothing()),
                Arguments.of("S22 persistence on: a log is safe", server().keptLikeALog("s"), nothing()),
                Arguments.of("S23 allkeys-lru on s, and t kept like a log without persistence: on both",
                        server().policy("allkeys-lru").withoutPersistence().keptLikeALog("s", "t"), List.of(raised(REDIS_DURABILITY_MISMATCH, "s", "t"))),
                Arguments.of("S24 everything at once, in rule order",
                        server().maxmemory(1_000_000_000L).used(950_000_000L).evicted(3).growing(10_000).grown("s").policy("allkeys-lru"),
                        List.of(raised(REDIS_MEMORY_PRESSURE), raised(REDIS_EVICTIONS, "s"), raised(REDIS_MEMORY_EXHAUSTION_PROJECTED, "s"),
                                raised(REDIS_DURABILITY_MISMATCH, "s"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverRules")
    void serverRule(String name, ServerCase server, List<Raised> expected) {
        List<ServerFinding> found = RedisHealthRules.serverRules(server.facts(), CONFIG);
        assertEquals(expected, found.stream().map(f -> new Raised(f.rule(), f.streams())).toList());
        found.forEach(f -> assertEquals("h:1", f.observation().workload(), "server rules name the server"));
    }

    @Test
    void evictionsReportTheKeysEvictedAndWhoReliesOnThem() {
        Observation o = RedisHealthRules.evictions(server().snapshot(), 12.0, List.of("s", "t", "u", "v")).orElseThrow().observation();
        assertEquals(12.0, o.value());
        assertEquals("server h:1 evicted 12 keys in the window while consumer groups rely on 4 streams (s, t, u, …) on it", o.message());
    }

    @Test
    void exhaustionReportsSecondsToMaxmemoryAgainstTheHorizon() {
        Observation o = RedisHealthRules.exhaustionProjected(server().used(GIB - 100_000_000L).snapshot(), 10_000.0, Duration.ofHours(24),
                List::of).orElseThrow().observation();
        assertEquals(10_000.0, o.value(), 1e-9);
        assertEquals(86_400.0, o.threshold());
        assertEquals("server h:1 reaches maxmemory in 2.8 h at 9.8 KiB/s", o.message());
    }

    // ---- what a stream kept like a log is ----------------------------------------------------------

    static Stream<Arguments> logs() {
        return Stream.of(
                Arguments.of("L1 never trimmed", true, HOUR, false, true),
                Arguments.of("L2 trimmed, an hour old, never replayed: a queue", false, HOUR, false, false),
                Arguments.of("L3 trimmed, oldest entry exactly 24 h old", false, 24 * HOUR, false, true),
                Arguments.of("L4 trimmed, oldest entry 23.9 h old", false, 86_000.0, false, false),
                Arguments.of("L5 trimmed, young, but a group moved back (SETID)", false, HOUR, true, true),
                Arguments.of("L6 Redis 6.2 (trim unknown), young, never replayed", null, HOUR, false, false),
                Arguments.of("L7 IDs not time-based, trimmed, never replayed", false, null, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void keptLikeALog(String name, Boolean neverTrimmed, Double oldestSeconds, boolean replayed, boolean expected) {
        assertEquals(expected, RedisHealthRules.keptLikeALog(neverTrimmed, oldestSeconds, () -> replayed, CONFIG.advisor().longRetention()));
    }

    // ---- formulas over the history -------------------------------------------------------------------

    /** One sample a minute in a real server ring (RedisHistory's columns: used_memory, evicted_keys, history reads). */
    static SampleRing.Samples serverHistory(long... evictedKeys) {
        SampleRing ring = new SampleRing(new SampleRing.Layout(3, java.time.Duration.ofHours(1)));
        for (int i = 0; i < evictedKeys.length; i++) {
            long[] values = new long[3];
            values[RedisHistory.SERVER_USED_MEMORY] = (long) (100 * MIB);
            values[RedisHistory.SERVER_EVICTED_KEYS] = evictedKeys[i];
            ring.add(i * 60_000L, values);
        }
        return ring.samples();
    }

    /** Last-delivered IDs (ms-seq) a minute apart, in a real group ring with its position columns. */
    static SampleRing.Samples deliveredHistory(long[]... ids) {
        SampleRing ring = new SampleRing(new SampleRing.Layout(3, java.time.Duration.ofHours(1))
                .withPosition(RedisHistory.GROUP_DELIVERED_MS, RedisHistory.GROUP_DELIVERED_SEQ));
        for (int i = 0; i < ids.length; i++) {
            long[] values = new long[3];
            values[RedisHistory.GROUP_DELIVERED_MS] = ids[i][0];
            values[RedisHistory.GROUP_DELIVERED_SEQ] = ids[i][1];
            ring.add(i * 60_000L, values);
        }
        return ring.samples();
    }

    @Test
    void evictedInWindowIsTheCountersGrowthOverTheWindow() {
        assertEquals(12.0, RedisHealthRules.evictedInWindow(serverHistory(100, 104, 112)), 1e-9);
        assertEquals(0.0, RedisHealthRules.evictedInWindow(serverHistory(7, 7, 7)), 1e-9);
        assertNull(RedisHealthRules.evictedInWindow(serverHistory(100)), "one sample: unknown, not 0");
    }

    @Test
    void lastDeliveredMovedBackSeesASetIdBetweenAnyTwoSamples() {
        SampleRing.Samples forward = deliveredHistory(new long[] {1000, 0}, new long[] {1000, 1}, new long[] {2000, 0});
        SampleRing.Samples back = deliveredHistory(new long[] {1000, 5}, new long[] {1000, 3}, new long[] {2000, 0});
        assertEquals(false, RedisHealthRules.lastDeliveredMovedBack(forward));
        assertEquals(true, RedisHealthRules.lastDeliveredMovedBack(back), "1000-5 → 1000-3");
    }
}
