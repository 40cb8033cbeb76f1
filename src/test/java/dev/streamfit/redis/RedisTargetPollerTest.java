package dev.streamfit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.streamfit.poll.CollectionProblem;
import dev.streamfit.poll.Gap;
import dev.streamfit.support.Redis62Server;
import dev.streamfit.support.RedisCluster;
import dev.streamfit.support.RedisFixtures;
import dev.streamfit.support.RedisServer;
import dev.streamfit.support.TestRedisTarget;
import io.vertx.mutiny.core.Vertx;

/**
 * A whole Redis target polled as the service polls it: cluster, ACL users, Redis 6.2, timeouts, and a
 * cluster primary that stops answering (its streams kept stale, not deleted).
 */
class RedisTargetPollerTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.closeAndAwait();
    }

    static RedisTargetSnapshot poll(TestRedisTarget target) {
        return target.pollOnce(vertx);
    }

    @Test
    void clusterModePollsEveryPrimaryAndReportsEachStreamsShard() {
        try (RedisCluster cluster = RedisCluster.start()) {
            List<String> names = List.of("a", "b", "c", "d", "e", "f");
            names.forEach(n -> cluster.addEntries(n, 3));

            RedisTargetSnapshot snapshot = poll(TestRedisTarget.of(cluster.seedUrl()).asCluster());
            assertEquals(names, snapshot.streams().stream().map(RedisStreamSnapshot::stream).toList());
            Set<String> primaries = cluster.ports().stream().map(p -> "127.0.0.1:" + p).collect(Collectors.toSet());
            assertEquals(primaries, snapshot.instances().stream().map(RedisInstanceSnapshot::address).collect(Collectors.toSet()));
            Set<String> shards = snapshot.streams().stream().map(RedisStreamSnapshot::shard).collect(Collectors.toSet());
            assertTrue(primaries.containsAll(shards) && shards.size() >= 2, shards.toString());
            snapshot.streams().forEach(s -> assertEquals(3, s.length()));
            assertEquals(List.of(), snapshot.problems());
        }
    }

    @Test
    void aReadOnlyAclUserGetsACompletePoll() {
        try (RedisServer server = RedisServer.start(); RedisFixtures redis = new RedisFixtures(server.url())) {
            redis.call("ACL", "SETUSER", "watcher", "on", ">watch-pw", "~*", "&*", "-@all", "+@read", "+@connection", "+info");
            redis.addEntries("orders", 10);
            redis.createGroup("orders", "billing", "0");
            redis.readGroup("orders", "billing", "w1", 4);

            RedisTargetSnapshot snapshot = poll(TestRedisTarget.of("redis://watcher:watch-pw@127.0.0.1:" + server.port()));
            assertEquals(List.of(), snapshot.problems());
            RedisStreamSnapshot orders = snapshot.streams().get(0);
            assertNotNull(orders.memoryBytes());
            RedisGroupSnapshot billing = orders.groups().get(0);
            assertEquals(6L, billing.lag());
            assertNotNull(billing.lagSeconds());
            assertNotNull(billing.oldestPendingIdleSeconds());
            assertNotNull(billing.consumerDetails());
            assertNotNull(snapshot.instances().get(0).usedMemory());
        }
    }

    @Test
    void aDeniedCommandBecomesAProblemNamingItWhileTheRestIsCollected() {
        try (RedisServer server = RedisServer.start(); RedisFixtures redis = new RedisFixtures(server.url())) {
            redis.call("ACL", "SETUSER", "partial", "on", ">pw", "~*", "-@all", "+@read", "+@connection", "+info", "-memory");
            redis.addEntries("orders", 5);
            redis.createGroup("orders", "billing", "0");

            RedisTargetSnapshot snapshot = poll(TestRedisTarget.of("redis://partial:pw@127.0.0.1:" + server.port()));
            RedisStreamSnapshot orders = snapshot.streams().get(0);
            assertNull(orders.memoryBytes(), "unknown, not 0");
            assertEquals(5, orders.length());
            assertEquals(5L, orders.groups().get(0).lag());
            CollectionProblem denied = snapshot.problems().get(0);
            assertEquals(CollectionProblem.Kind.DENIED, denied.kind());
            assertEquals("MEMORY USAGE", denied.subject());
            assertEquals(1, snapshot.problems().size(), snapshot.problems().toString());
        }
    }

    @Test
    void redis62HasNoLagOrEntriesAddedButTimeLagIsStillKnown() {
        try (Redis62Server server = Redis62Server.start(); RedisFixtures redis = new RedisFixtures(server.url())) {
            redis.addEntries("orders", 10);
            redis.createGroup("orders", "billing", "0");
            redis.readGroup("orders", "billing", "w1", 3);
            redis.createGroup("orders", "audit", "$");

            RedisTargetSnapshot snapshot = poll(TestRedisTarget.of(server.url()));
            assertTrue(snapshot.instances().get(0).redisVersion().startsWith("6.2"));
            RedisStreamSnapshot orders = snapshot.streams().get(0);
            assertNull(orders.entriesAdded());
            assertNull(orders.trimmedCount());
            assertNull(orders.maxDeletedEntryId());
            RedisGroupSnapshot billing = orders.groups().stream().filter(g -> g.group().equals("billing")).findFirst().orElseThrow();
            assertNull(billing.lag(), "Redis 6.2 reports no lag: unknown, never 0");
            assertNull(billing.entriesRead());
            assertNotNull(billing.lagSeconds());
            assertTrue(billing.lagSeconds() >= 0 && billing.lagSeconds() < 60);
            RedisGroupSnapshot audit = orders.groups().stream().filter(g -> g.group().equals("audit")).findFirst().orElseThrow();
            assertEquals(0L, audit.lag(), "a group at the tail is caught up on any version");
            assertEquals(0.0, audit.lagSeconds());
            assertEquals(List.of(), snapshot.problems());
        }
    }

    @Test
    void aPollOverItsTimeoutIsAbandonedWithoutLeakingConnections() throws Exception {
        try (RedisServer server = RedisServer.startOn(dev.streamfit.support.FreePorts.next(), "--enable-debug-command", "yes");
                RedisFixtures redis = new RedisFixtures(server.url())) {
            redis.addEntries("orders", 3);
            RedisTargetPoller poller = new RedisTargetPoller(vertx, "slow", TestRedisTarget.of(server.url()), Duration.ofSeconds(10));
            try {
                long before = clients(redis);
                // The server blocks for 3 s; five polls in that time are each abandoned after 200 ms.
                Thread sleeper = new Thread(() -> {
                    try (RedisFixtures other = new RedisFixtures(server.url())) {
                        other.call("DEBUG", "SLEEP", "3");
                    }
                });
                sleeper.start();
                Thread.sleep(200);
                for (int i = 0; i < 5; i++) {
                    assertThrows(RuntimeException.class, () -> poller.poll().await().atMost(Duration.ofMillis(200)));
                }
                sleeper.join();
                assertEquals(3, poller.poll().await().atMost(Duration.ofSeconds(10)).streams().get(0).length(), "polls work again");
                long after = clients(redis);
                assertTrue(after - before <= 2, "at most the pool's 2 connections: " + before + " → " + after);
            } finally {
                poller.close();
            }
        }
    }

    private static long clients(RedisFixtures redis) {
        return redis.call("CLIENT", "LIST").toString().lines().count();
    }

    private static RedisTargetSnapshot pollAgain(RedisTargetPoller poller) {
        return poller.poll().await().atMost(Duration.ofSeconds(30));
    }

    private static Optional<RedisStreamSnapshot> stream(RedisTargetSnapshot snapshot, String name) {
        return snapshot.streams().stream().filter(s -> s.stream().equals(name)).findFirst();
    }

    private static RedisInstanceSnapshot server(RedisTargetSnapshot snapshot, String address) {
        return snapshot.instances().stream().filter(i -> i.address().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError("no server " + address + " in " + snapshot.instances()));
    }

    /** The first of a, b, c, … whose slot the node on {@code port} holds (or does not hold). */
    private static String keyOn(RedisCluster cluster, int port, boolean on) {
        return IntStream.range(0, 26).mapToObj(i -> String.valueOf((char) ('a' + i)))
                .filter(k -> (cluster.portOf(k) == port) == on).findFirst().orElseThrow();
    }

    /**
     * A real three-primary Redis Cluster one of whose primaries stops answering (SIGSTOP): its streams
     * are not deleted but kept as last seen, stale with the reason, while the poll completes with the
     * other shards — first because the primary does not answer within its share of the poll timeout,
     * then because the cluster marks it failed. Once it answers again its streams are fresh; a poll of
     * that shard without a stream removes it.
     */
    @Test
    void aPrimaryThatStopsAnsweringKeepsItsStreamsStaleUntilItAnswersAndOnlyItsOwnListingRemovesThem() {
        try (RedisCluster cluster = RedisCluster.start()) {
            int seed = cluster.ports().get(0);
            String away = keyOn(cluster, seed, false);
            int frozen = cluster.portOf(away);
            String shard = "127.0.0.1:" + frozen;
            String home = keyOn(cluster, seed, true);
            cluster.addEntries(away, 3);
            cluster.node(away).createGroup(away, "billing", "0");
            cluster.node(away).readGroup(away, "billing", "b1", 1);
            cluster.addEntries(home, 2);

            RedisTargetPoller poller = new RedisTargetPoller(vertx, "cluster", TestRedisTarget.of(cluster.seedUrl()).asCluster(),
                    Duration.ofSeconds(2));
            try {
                RedisTargetSnapshot before = pollAgain(poller);
                RedisStreamSnapshot awayBefore = stream(before, away).orElseThrow();
                assertEquals(shard, awayBefore.shard());
                assertEquals(List.of(), before.gaps());

                cluster.freeze(frozen, true);
                try {
                    long started = System.nanoTime();
                    RedisTargetSnapshot partial = pollAgain(poller);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    assertTrue(seconds < 2, "the frozen primary gets 80 % of the 2 s poll timeout, the poll completes: " + seconds + " s");
                    RedisStreamSnapshot kept = stream(partial, away).orElseThrow(() -> new AssertionError("a shard that did not answer deletes nothing"));
                    assertTrue(kept.staleReason().startsWith("primary " + shard + " could not be polled: no answer within 1600 ms"),
                            kept.staleReason());
                    assertEquals(awayBefore, kept.stale(null), "exactly what the last poll saw, groups included");
                    assertFalse(stream(partial, home).orElseThrow().stale(), "the other shards answered");
                    assertTrue(server(partial, shard).stale(), "the server too is as last seen");
                    assertEquals(List.of(new Gap("shard " + shard, kept.staleReason())), partial.gaps());
                    assertTrue(partial.problems().stream().anyMatch(p -> p.kind() == CollectionProblem.Kind.UNREACHABLE && p.subject().equals(shard)));

                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (!cluster.seenFailed(seed, frozen) && System.nanoTime() < deadline) {
                        RedisServer.sleep(200);
                    }
                    assertTrue(cluster.seenFailed(seed, frozen), "the cluster marks the frozen primary failed after its node timeout");
                    RedisTargetSnapshot failed = pollAgain(poller);
                    RedisStreamSnapshot stillKept = stream(failed, away).orElseThrow();
                    assertTrue(stillKept.staleReason().contains("is marked failed by the cluster"), stillKept.staleReason());
                    assertEquals(awayBefore, stillKept.stale(null));
                    // With a slot range unserved the cluster is down and the healthy primaries refuse
                    // key commands (CLUSTERDOWN): their streams cannot be described either — unknown, not gone.
                    RedisStreamSnapshot homeNow = stream(failed, home).orElseThrow(() -> new AssertionError("a refused XINFO deletes nothing"));
                    assertEquals("XINFO STREAM failed: CLUSTERDOWN The cluster is down", homeNow.staleReason());
                    assertEquals(List.of("shard " + shard, "XINFO STREAM", "XINFO GROUPS"), failed.gaps().stream().map(Gap::subject).toList());
                } finally {
                    cluster.freeze(frozen, false);
                }
                cluster.awaitHealthy(Duration.ofSeconds(60));

                RedisTargetSnapshot back = pollAgain(poller);
                RedisStreamSnapshot fresh = stream(back, away).orElseThrow();
                assertFalse(fresh.stale());
                assertEquals(3, fresh.length());
                assertEquals(List.of(), back.gaps());
                assertFalse(server(back, shard).stale());

                cluster.node(away).call("DEL", away);
                RedisTargetSnapshot afterDelete = pollAgain(poller);
                assertTrue(stream(afterDelete, away).isEmpty(), "its shard answered without it: gone");
                assertNotNull(stream(afterDelete, home).orElseThrow());
            } finally {
                poller.close();
            }
        }
    }
}
