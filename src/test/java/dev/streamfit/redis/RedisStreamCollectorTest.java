package dev.streamfit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.streamfit.poll.CollectionProblem;
import dev.streamfit.support.RedisFixtures;
import dev.streamfit.support.RedisServer;
import dev.streamfit.support.TestRedisTarget;
import dev.streamfit.support.ScanRepeatingRelay;
import dev.streamfit.support.TestServers;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.RedisOptions;

/**
 * Each field of a stream and group snapshot checked against what Redis itself says, for states
 * built on purpose in a real redis-server.
 */
class RedisStreamCollectorTest {

    private static Vertx vertx;
    private static RedisFixtures redis;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        redis = new RedisFixtures(TestServers.redis().url());
    }

    @AfterAll
    static void stop() {
        redis.close();
        vertx.closeAndAwait();
    }

    @BeforeEach
    void onlyThisTestsKeys() {
        redis.call("SELECT", 0);
        for (var key : redis.call("KEYS", "rsc:*")) {
            redis.call("DEL", key.toString());
        }
    }

    static RedisTargetSnapshot poll(TestRedisTarget target) {
        return target.pollOnce(vertx);
    }

    static RedisTargetSnapshot poll() {
        return poll(TestRedisTarget.of(TestServers.redis().url()).withStreams("rsc:*"));
    }

    static RedisStreamSnapshot stream(RedisTargetSnapshot snapshot, String name) {
        return snapshot.streams().stream().filter(s -> s.stream().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no stream " + name + " in " + snapshot.streams().stream().map(RedisStreamSnapshot::stream).toList()));
    }

    static RedisGroupSnapshot group(RedisStreamSnapshot stream, String name) {
        return stream.groups().stream().filter(g -> g.group().equals(name)).findFirst().orElseThrow();
    }

    /** Adds entries with explicit IDs {@code <ms>-<i>}: their age is known to the millisecond. */
    static void addAt(String stream, long millis, int count) {
        for (int i = 0; i < count; i++) {
            redis.call("XADD", stream, millis + "-" + (i + 1), "n", i);
        }
    }

    static long redisNowMillis() {
        var time = redis.call("TIME");
        return time.get(0).toLong() * 1000 + time.get(1).toLong() / 1000;
    }

    @Test
    void streamFieldsAreWhatXinfoStreamSays() {
        long t0 = redisNowMillis() - 120_000;
        addAt("rsc:orders", t0, 5);
        addAt("rsc:orders", t0 + 60_000, 5);
        var info = redis.call("XINFO", "STREAM", "rsc:orders");
        RedisStreamSnapshot s = stream(poll(), "rsc:orders");

        assertEquals(10, s.length());
        assertEquals(t0 + "-1", s.firstEntryId());
        assertEquals((t0 + 60_000) + "-5", s.lastEntryId());
        assertEquals((t0 + 60_000) + "-5", s.lastGeneratedId());
        assertEquals(10L, s.entriesAdded());
        assertEquals("0-0", s.maxDeletedEntryId());
        assertEquals(t0 + "-1", s.recordedFirstEntryId());
        assertEquals(RedisReplyFields.of(info, "radix-tree-nodes"), s.radixTreeNodes());
        assertEquals(redis.call("MEMORY", "USAGE", "rsc:orders", "SAMPLES", 5).toLong(), s.memoryBytes());
        assertEquals(120, s.oldestEntryAgeSeconds(), 3);
        assertEquals(60.0, s.retentionWindowSeconds());
        assertEquals(0L, s.trimmedCount());
        assertEquals(s.memoryBytes() / 10.0, s.bytesPerEntry());
        assertNull(s.shard());
        assertEquals(List.of(), s.groups());
    }

    @Test
    void caughtUpGroupHasNoLag() {
        redis.addEntries("rsc:caught", 10);
        redis.createGroup("rsc:caught", "billing", "0");
        redis.readGroup("rsc:caught", "billing", "w1", 10);
        redis.call("XACK", "rsc:caught", "billing", redis.call("XRANGE", "rsc:caught", "-", "+").get(0).get(0).toString());
        RedisGroupSnapshot g = group(stream(poll(), "rsc:caught"), "billing");

        assertEquals(0L, g.lag());
        assertEquals(0.0, g.lagSeconds());
        assertEquals(9, g.pending());
        assertEquals(1, g.consumers());
        assertEquals(10L, g.entriesRead());
        assertEquals(0L, g.trimmedBeforeDelivery());
    }

    @Test
    void laggingGroupLagAndTimeLagAreThoseOfTheFirstUndeliveredEntry() {
        long now = redisNowMillis();
        addAt("rsc:lagging", now - 300_000, 4);   // delivered below
        addAt("rsc:lagging", now - 90_000, 6);    // first undelivered is 90 s old
        redis.createGroup("rsc:lagging", "search", "0");
        redis.readGroup("rsc:lagging", "search", "w1", 4);
        var info = redis.call("XINFO", "GROUPS", "rsc:lagging").get(0);
        RedisGroupSnapshot g = group(stream(poll(), "rsc:lagging"), "search");

        assertEquals(6L, g.lag());
        assertEquals(RedisReplyFields.of(info, "lag"), g.lag());
        assertEquals(90, g.lagSeconds(), 3);
        assertEquals((now - 300_000) + "-4", g.lastDeliveredId());
        assertEquals(4L, g.entriesRead());
        assertNotNull(g.consumerDetails(), "XINFO CONSUMERS is fetched for a lagging group");
        assertEquals("w1", g.consumerDetails().get(0).consumer());
        assertEquals(4, g.consumerDetails().get(0).pending());
    }

    @Test
    void groupMovedBySetidHasUnknownLagButKnownTimeLag() {
        long now = redisNowMillis();
        addAt("rsc:setid", now - 200_000, 10);
        redis.createGroup("rsc:setid", "replayer", "$");
        redis.call("XDEL", "rsc:setid", (now - 200_000) + "-6");
        redis.call("XGROUP", "SETID", "rsc:setid", "replayer", (now - 200_000) + "-3");
        assertTrue(redis.call("XINFO", "GROUPS", "rsc:setid").get(0).get(11) == null, "Redis itself reports nil lag here");

        RedisGroupSnapshot g = group(stream(poll(), "rsc:setid"), "replayer");
        assertNull(g.lag(), "unknown, never 0");
        assertNull(g.entriesRead());
        assertEquals(200, g.lagSeconds(), 3);
    }

    @Test
    void groupBehindATrimHasTheRemainingLagAndCountsTheLoss() {
        redis.addEntries("rsc:trimmed", 1000);
        redis.createGroup("rsc:trimmed", "slow", "0");
        redis.readGroup("rsc:trimmed", "slow", "w1", 50);
        redis.call("XTRIM", "rsc:trimmed", "MAXLEN", 100);
        assertEquals(950, redis.call("XINFO", "GROUPS", "rsc:trimmed").get(0).get(11).toLong(), "what Redis says");

        RedisStreamSnapshot s = stream(poll(), "rsc:trimmed");
        RedisGroupSnapshot g = group(s, "slow");
        assertEquals(100L, g.lag());
        assertEquals(850L, g.trimmedBeforeDelivery());
        assertEquals(900L, s.trimmedCount());
        assertEquals(s.oldestEntryAgeSeconds(), g.lagSeconds(), 1.0, "its next entry is the stream's first");
    }

    @Test
    void oldestPendingEntryIdleTimeAndDeliveryCount() {
        redis.addEntries("rsc:pending", 5);
        redis.createGroup("rsc:pending", "workers", "0");
        redis.readGroup("rsc:pending", "workers", "w1", 5);
        String oldest = redis.call("XRANGE", "rsc:pending", "-", "+", "COUNT", 1).get(0).get(0).toString();
        redis.call("XCLAIM", "rsc:pending", "workers", "w2", 0, oldest, "IDLE", 120_000, "RETRYCOUNT", 7);

        RedisGroupSnapshot g = group(stream(poll(), "rsc:pending"), "workers");
        assertEquals(5, g.pending());
        assertEquals(120, g.oldestPendingIdleSeconds(), 2);
        assertEquals(7L, g.oldestPendingDeliveries());
        assertEquals(2, g.consumers());
        assertEquals(List.of("w1", "w2"), g.consumerDetails().stream().map(RedisConsumerSnapshot::consumer).sorted().toList());
    }

    @Test
    void aStreamDeletedBetweenScanAndXinfoIsSkipped() throws Exception {
        redis.addEntries("rsc:kept", 3);
        RedisStreamCollector collector = new RedisStreamCollector(RedisCollectorSettings.of(TestRedisTarget.of(TestServers.redis().url())));
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(TestServers.redis().url())
                .setPreferredProtocolVersion(ProtocolVersion.RESP2));
        try {
            var connection = client.connect().await().atMost(Duration.ofSeconds(5));
            List<RedisStreamSnapshot> streams = collector.collectStreams(connection,
                    List.of(RedisName.of("rsc:kept"), RedisName.of("rsc:deleted-meanwhile")),
                    RedisStreamCollector.ServerClock.local(), null, new RedisStreamCollector.Problems())
                    .await().atMost(Duration.ofSeconds(5));
            assertEquals(List.of("rsc:kept"), streams.stream().map(RedisStreamSnapshot::stream).toList());
        } finally {
            client.close();
        }
    }

    @Test
    void oddNamesAreCollectedAndShownAsUtf8WithInvalidBytesEscaped() {
        byte[] binary = {'r', 's', 'c', ':', (byte) 0xff, 0x00, 'x'};
        redis.addEntries("rsc:with space", 1);
        redis.addEntries("rsc:\"quoted\"", 1);
        redis.addEntries("rsc:ünïcødé-流", 1);
        redis.call("XADD", binary, "*", "n", 1);
        redis.createGroup("rsc:with space", "group \"odd\" ✓", "0");

        RedisTargetSnapshot snapshot = poll();
        assertEquals(List.of("rsc:\"quoted\"", "rsc:\\xff\u0000x", "rsc:with space", "rsc:ünïcødé-流"),
                snapshot.streams().stream().map(RedisStreamSnapshot::stream).sorted().toList());
        assertEquals("group \"odd\" ✓", stream(snapshot, "rsc:with space").groups().get(0).group());
        assertEquals(1, stream(snapshot, "rsc:\\xff\u0000x").length(), "commands reach the binary key itself");
    }

    @Test
    void keysThatAreNotStreamsAreIgnored() {
        redis.addEntries("rsc:stream", 1);
        redis.call("SET", "rsc:string", "x");
        redis.call("HSET", "rsc:hash", "f", "v");
        redis.call("LPUSH", "rsc:list", "a");
        assertEquals(List.of("rsc:stream"), poll().streams().stream().map(RedisStreamSnapshot::stream).toList());
    }

    @Test
    void beyondMaxStreamsTheLargestByMemoryAreKeptAndTheRestCounted() {
        IntStream.rangeClosed(1, 5).forEach(i -> redis.addEntries("rsc:size-" + i, i * 40));
        RedisTargetSnapshot snapshot = poll(TestRedisTarget.of(TestServers.redis().url()).withStreams("rsc:size-*")
                .withMaxStreams(3).withPipelineBatch(2));
        assertEquals(List.of("rsc:size-3", "rsc:size-4", "rsc:size-5"), snapshot.streams().stream().map(RedisStreamSnapshot::stream).toList());
        CollectionProblem limit = snapshot.problems().stream().filter(p -> p.kind() == CollectionProblem.Kind.LIMITED).findFirst().orElseThrow();
        assertEquals(2.0, limit.value());
    }

    @Test
    void manyStreamsAcrossSeveralPipelinedBatchesAreAllCollected() {
        IntStream.range(0, 25).forEach(i -> {
            redis.addEntries("rsc:batch-" + i, 2);
            redis.createGroup("rsc:batch-" + i, "g", "0");
        });
        RedisTargetSnapshot snapshot = poll(TestRedisTarget.of(TestServers.redis().url()).withStreams("rsc:batch-*").withPipelineBatch(4));
        assertEquals(25, snapshot.streams().size());
        snapshot.streams().forEach(s -> assertEquals(2L, s.groups().get(0).lag(), s.stream()));
        assertFalse(snapshot.instances().isEmpty());
        assertTrue(snapshot.problems().isEmpty(), snapshot.problems().toString());
    }

    @Test
    void anUnchangedStreamIsNotAskedAgainForWhatCannotHaveChanged() {
        long now = redisNowMillis();
        addAt("rsc:quiet", now - 100_000, 3);
        addAt("rsc:quiet", now - 50_000, 3);
        redis.createGroup("rsc:quiet", "slow", "0");
        redis.readGroup("rsc:quiet", "slow", "w1", 3);
        RedisTargetPoller poller = new RedisTargetPoller(vertx, "test", TestRedisTarget.of(TestServers.redis().url()).withStreams("rsc:quiet"),
                Duration.ofSeconds(10));
        try {
            RedisStreamSnapshot first = poller.poll().await().atMost(Duration.ofSeconds(10)).streams().get(0);
            long memoryCalls = calls("memory|usage");
            long rangeCalls = calls("xrange");
            RedisStreamSnapshot second = poller.poll().await().atMost(Duration.ofSeconds(10)).streams().get(0);
            assertEquals(memoryCalls, calls("memory|usage"), "unchanged: memory reused");
            assertEquals(rangeCalls, calls("xrange"), "unchanged: first undelivered entry reused");
            assertEquals(first.memoryBytes(), second.memoryBytes());
            assertEquals(50, second.groups().get(0).lagSeconds(), 3);

            // Deleting the first undelivered entry moves it: the next poll must see the next one.
            redis.call("XDEL", "rsc:quiet", (now - 50_000) + "-1");
            redis.call("XADD", "rsc:quiet", (now - 20_000) + "-1", "n", 9);
            RedisStreamSnapshot third = poller.poll().await().atMost(Duration.ofSeconds(10)).streams().get(0);
            assertEquals(memoryCalls + 1, calls("memory|usage"), "changed: memory measured again");
            assertEquals(redis.call("MEMORY", "USAGE", "rsc:quiet", "SAMPLES", 5).toLong(), third.memoryBytes());
            assertEquals(50, third.groups().get(0).lagSeconds(), 3, "its first undelivered entry is now " + (now - 50_000) + "-2");
            assertEquals(rangeCalls + 1, calls("xrange"));
        } finally {
            poller.close();
        }
    }

    @Test
    void deletingAnEntryBelowTheHighestDeletedIdIsSeenByTheNextPoll() {
        // A(−100 s) B(−50 s) C(−20 s) D(−10 s), the group read A. XDEL C raises max-deleted-entry-id to
        // C; deleting B afterwards leaves it at C: only entries-added − length says something changed.
        long now = redisNowMillis();
        for (long age : new long[] {100_000, 50_000, 20_000, 10_000}) {
            addAt("rsc:xdel", now - age, 1);
        }
        redis.createGroup("rsc:xdel", "g", "0");
        redis.readGroup("rsc:xdel", "g", "w1", 1);
        redis.call("XDEL", "rsc:xdel", (now - 20_000) + "-1");
        RedisTargetPoller poller = new RedisTargetPoller(vertx, "test", TestRedisTarget.of(TestServers.redis().url()).withStreams("rsc:xdel"),
                Duration.ofSeconds(10));
        try {
            assertEquals(50, poller.poll().await().atMost(Duration.ofSeconds(10)).streams().get(0).groups().get(0).lagSeconds(), 3,
                    "B is the first undelivered entry");
            redis.call("XDEL", "rsc:xdel", (now - 50_000) + "-1");
            assertEquals(10, poller.poll().await().atMost(Duration.ofSeconds(10)).streams().get(0).groups().get(0).lagSeconds(), 3,
                    "with B deleted, D is: its age, not B's cached one");
        } finally {
            poller.close();
        }
    }

    @Test
    void pendingDetailsOfAGroupThatDidNotMoveAreReusedWithTheirIdleTimesGrown() throws Exception {
        long now = redisNowMillis();
        addAt("rsc:idle", now - 60_000, 5);
        redis.createGroup("rsc:idle", "g", "0");
        redis.readGroup("rsc:idle", "g", "w1", 3); // 3 pending, 2 waiting
        RedisTargetPoller poller = new RedisTargetPoller(vertx, "test", TestRedisTarget.of(TestServers.redis().url()).withStreams("rsc:idle"),
                Duration.ofSeconds(10));
        try {
            RedisGroupSnapshot first = poller.poll().await().atMost(Duration.ofSeconds(10)).streams().get(0).groups().get(0);
            long pendingCalls = calls("xpending");
            long consumerCalls = calls("xinfo|consumers");
            Thread.sleep(1_500);
            RedisGroupSnapshot second = poller.poll().await().atMost(Duration.ofSeconds(10)).streams().get(0).groups().get(0);
            assertEquals(pendingCalls, calls("xpending"), "nothing delivered, acknowledged or joined: the oldest pending entry is the same");
            assertEquals(consumerCalls, calls("xinfo|consumers"));
            assertEquals(first.oldestPendingIdleSeconds() + 1.5, second.oldestPendingIdleSeconds(), 0.5, "idle grows with the clock");
            assertEquals(first.consumerDetails().get(0).idleSeconds() + 1.5, second.consumerDetails().get(0).idleSeconds(), 0.5);
            assertEquals(first.oldestPendingDeliveries(), second.oldestPendingDeliveries());

            redis.call("XACK", "rsc:idle", "g", (now - 60_000) + "-1");
            RedisGroupSnapshot third = poller.poll().await().atMost(Duration.ofSeconds(10)).streams().get(0).groups().get(0);
            assertEquals(pendingCalls + 1, calls("xpending"), "an acknowledgement changes the pending entries: read again");
            assertEquals(consumerCalls + 1, calls("xinfo|consumers"));
            assertEquals(2, third.pending());
            assertEquals(redisIdleOfOldestPending("rsc:idle", "g"), third.oldestPendingIdleSeconds(), 1.0);
        } finally {
            poller.close();
        }
    }

    @Test
    void streamFitsOwnRangeReadsAreSubtractedFromThePollThatCountsThem() {
        // A server of its own: INFO commandstats counts every client's XRANGEs.
        try (RedisServer server = RedisServer.start(); RedisFixtures own = new RedisFixtures(server.url())) {
            for (int i = 0; i < 20; i++) {
                own.addEntries("rsc:own:" + i, 5);
                own.createGroup("rsc:own:" + i, "g", "0");
                own.readGroup("rsc:own:" + i, "g", "c", 2); // lagging: its first undelivered entry is read with XRANGE
            }
            RedisTargetPoller poller = new RedisTargetPoller(vertx, "test", TestRedisTarget.of(server.url()).withStreams("rsc:own:*"),
                    Duration.ofSeconds(10));
            try {
                RedisInstanceSnapshot cold = poller.poll().await().atMost(Duration.ofSeconds(10)).instances().get(0);
                RedisInstanceSnapshot warm = poller.poll().await().atMost(Duration.ofSeconds(10)).instances().get(0);
                long before = cold.commandCalls().getOrDefault("xrange", 0L) - cold.ownRangeReads();
                long after = warm.commandCalls().getOrDefault("xrange", 0L) - warm.ownRangeReads();
                assertTrue(warm.ownRangeReads() >= 20, "the cold poll read 20 first undelivered entries: " + warm.ownRangeReads());
                assertEquals(before, after, "nobody else read history: StreamFit's own 20 XRANGEs are not history reads");
            } finally {
                poller.close();
            }
        }
    }

    private static double redisIdleOfOldestPending(String stream, String group) {
        return redis.call("XPENDING", stream, group, "-", "+", 1).get(0).get(2).toLong() / 1000.0;
    }

    /** Calls of one command since the server started, from INFO commandstats. */
    private static long calls(String command) {
        for (String line : redis.call("INFO", "commandstats").toString().split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":")) {
                return Long.parseLong(line.replaceAll("^[^:]+:calls=(\\d+),.*", "$1"));
            }
        }
        return 0;
    }

    @Test
    void instanceFieldsComeFromOneInfoCall() {
        RedisInstanceSnapshot server = poll().instances().get(0);
        assertEquals("127.0.0.1:" + TestServers.redis().port(), server.address());
        assertTrue(server.redisVersion().startsWith("7."), server.redisVersion());
        assertEquals("master", server.role());
        assertTrue(server.usedMemory() > 0);
        assertEquals(0L, server.maxmemory());
        assertEquals("noeviction", server.maxmemoryPolicy());
        assertEquals(Boolean.FALSE, server.aofEnabled());
        assertNotNull(server.serverTimeMillis());
        assertTrue(server.commandCalls().get("xadd") > 0, server.commandCalls().toString());
    }

    /**
     * SCAN may return a key twice in one iteration (Redis documents it; a real server does it when its
     * table shrinks mid-iteration). A relay in front of the real server repeats a key: the stream is
     * still listed, exported and counted once.
     */
    @Test
    void aStreamThatScanReturnsTwiceIsListedOnce() throws Exception {
        for (String name : List.of("rsc:dup:a", "rsc:dup:b", "rsc:dup:c")) {
            redis.call("XADD", name, "*", "n", 1);
            redis.createGroup(name, "readers", "0");
        }
        try (ScanRepeatingRelay relay = new ScanRepeatingRelay(TestServers.redis().port())) {
            RedisTargetSnapshot snapshot = poll(TestRedisTarget.of("redis://127.0.0.1:" + relay.port()).withStreams("rsc:dup:*"));
            assertTrue(relay.repeated() > 0, "the relay repeated a key in a SCAN reply");
            assertEquals(List.of("rsc:dup:a", "rsc:dup:b", "rsc:dup:c"),
                    snapshot.streams().stream().map(RedisStreamSnapshot::stream).sorted().toList());
        }
    }
}
