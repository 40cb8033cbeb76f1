package dev.streamfit.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import dev.streamfit.findings.Rule;
import dev.streamfit.support.KafkaBroker;
import dev.streamfit.support.KafkaFixtures;
import dev.streamfit.support.RealServersResource;
import dev.streamfit.support.RedisCluster;
import dev.streamfit.support.RedisFixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The running service when a poll cannot see everything (poll every 1 s, poll timeout 1 s, stop-after
 * 3 s, alerts.for 1 m): a Redis Cluster primary that stops answering (SIGSTOP) and a Kafka consumer
 * group whose Describe ACL is revoked. What the poll could not see is kept, stale with the reason, in
 * every API; the target is partial; findings neither resolve nor restart; verdicts and the STOP clock
 * go on where they were. Only a successful listing without the workload removes it.
 */
@QuarkusTest
@QuarkusTestResource(RealServersResource.class)
class PartialPollApiTest {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(String path) {
        return given().get(path).then().extract().jsonPath().getList("$");
    }

    private static Map<String, Object> target(String system, String name) {
        return list("/api/v1/targets").stream().filter(t -> system.equals(t.get("system")) && name.equals(t.get("name"))).findFirst()
                .orElseThrow();
    }

    private static Optional<Map<String, Object>> item(String path, String field, String name) {
        if (given().get(path).statusCode() != 200) {
            return Optional.empty();
        }
        return list(path).stream().filter(i -> name.equals(i.get(field))).findFirst();
    }

    private static Optional<Map<String, Object>> workload(String system, String target, String name) {
        return list("/api/v1/workloads").stream()
                .filter(w -> system.equals(w.get("system")) && target.equals(w.get("target")) && name.equals(w.get("name"))).findFirst();
    }

    private static Optional<Map<String, Object>> finding(Rule rule, String target, String workload, String group) {
        return list("/api/v1/findings").stream()
                .filter(f -> rule.id().equals(f.get("rule")) && target.equals(f.get("target")) && java.util.Objects.equals(workload, f.get("workload"))
                        && java.util.Objects.equals(group, f.get("group")))
                .findFirst();
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The same finding, the same run: its fingerprint and since unchanged, and not resolved. */
    private static void assertSameRun(Map<String, Object> before, Optional<Map<String, Object>> now) {
        assertTrue(now.isPresent(), "the finding is still there: " + before);
        assertEquals(before.get("fingerprint"), now.get().get("fingerprint"));
        assertEquals(before.get("since"), now.get().get("since"), "its clock was not restarted");
        assertNotEquals("resolved", now.get().get("state"));
    }

    @Test
    void aClusterPrimaryThatStopsAnsweringKeepsItsStreamFindingsAndVerdictStaleUntilItsShardListsItNoMore() {
        int seed = RealServersResource.CLUSTER_SEED_PORT;
        try (RedisCluster cluster = RedisCluster.startWithSeed(seed)) {
            String stream = IntStream.range(0, 26).mapToObj(i -> "pp-" + (char) ('a' + i)).filter(k -> cluster.portOf(k) != seed).findFirst()
                    .orElseThrow();
            int frozen = cluster.portOf(stream);
            String shard = "127.0.0.1:" + frozen;
            RedisFixtures node = cluster.node(stream);
            node.addEntries(stream, 10);
            node.createGroup(stream, "billing", "0");
            node.readGroup(stream, "billing", "b1", 2);
            node.call("XTRIM", stream, "MAXLEN", "2"); // 6 entries trimmed before billing read them
            String streams = "/api/v1/redis/cluster/streams";

            AtomicReference<Map<String, Object>> verdict = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertEquals(Boolean.TRUE, target("redis", "cluster").get("up"));
                Map<String, Object> w = workload("redis", "cluster", stream).orElseThrow(() -> new AssertionError("no verdict yet"));
                assertNotEquals("INSUFFICIENT_DATA", w.get("verdict"));
                assertTrue(finding(Rule.REDIS_GROUP_FELL_OFF_TRIM, "cluster", stream, "billing").isPresent());
                assertTrue(finding(Rule.REDIS_MEMORY_NO_LIMIT, "cluster", shard, null).isPresent());
                verdict.set(w);
            });
            Map<String, Object> trimmed = finding(Rule.REDIS_GROUP_FELL_OFF_TRIM, "cluster", stream, "billing").orElseThrow();
            Map<String, Object> noLimit = finding(Rule.REDIS_MEMORY_NO_LIMIT, "cluster", shard, null).orElseThrow();
            assertEquals(Boolean.FALSE, target("redis", "cluster").get("partial"));

            cluster.freeze(frozen, true);
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(target("redis", "cluster").get("partial")));
                Map<String, Object> partial = target("redis", "cluster");
                assertEquals(Boolean.TRUE, partial.get("up"), "the other primaries answered: partial, not down");
                assertTrue(partial.get("gaps").toString().contains("shard " + shard), partial.toString());

                Map<String, Object> kept = item(streams, "stream", stream).orElseThrow(() -> new AssertionError("a shard that does not answer deletes nothing"));
                assertEquals(Boolean.TRUE, kept.get("stale"));
                assertTrue(((String) kept.get("staleReason")).contains(shard), kept.toString());
                assertEquals(2, kept.get("length"), "the last known figures");

                Thread.sleep(3000); // a few polls with the shard silent
                Map<String, Object> w = workload("redis", "cluster", stream).orElseThrow(() -> new AssertionError("its verdict is kept"));
                assertEquals(Boolean.TRUE, w.get("stale"));
                assertEquals(verdict.get().get("verdict"), w.get("verdict"));
                assertEquals(verdict.get().get("since"), w.get("since"), "the verdict state is kept, not restarted");
                assertSameRun(trimmed, finding(Rule.REDIS_GROUP_FELL_OFF_TRIM, "cluster", stream, "billing"));
                assertSameRun(noLimit, finding(Rule.REDIS_MEMORY_NO_LIMIT, "cluster", shard, null));

                String metrics = metrics();
                assertTrue(metrics.contains("streamfit_target_partial{system=\"redis\",target=\"cluster\"} 1.0"), metrics);
                assertFalse(metrics.contains("streamfit_redis_stream_length{stream=\"" + stream + "\",target=\"cluster\"}")
                        || metrics.contains("streamfit_redis_stream_length{target=\"cluster\",stream=\"" + stream + "\"}"),
                        "a stale stream's current length is unknown: absent");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                cluster.freeze(frozen, false);
            }

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertEquals(Boolean.FALSE, target("redis", "cluster").get("partial"));
                assertEquals(Boolean.FALSE, item(streams, "stream", stream).orElseThrow(() -> new AssertionError("not listed")).get("stale"));
            });
            assertSameRun(trimmed, finding(Rule.REDIS_GROUP_FELL_OFF_TRIM, "cluster", stream, "billing"));
            assertEquals(verdict.get().get("since"), workload("redis", "cluster", stream).orElseThrow().get("since"));

            node.call("DEL", stream);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertTrue(item(streams, "stream", stream).isEmpty(), "its shard answered without it: gone");
                assertTrue(workload("redis", "cluster", stream).isEmpty());
                assertEquals("resolved", finding(Rule.REDIS_GROUP_FELL_OFF_TRIM, "cluster", stream, "billing")
                        .orElseThrow(() -> new AssertionError("no finding")).get("state"));
            });
        }
    }

    @Test
    void aConsumerGroupThatCannotBeDescribedKeepsItsStopClockAndFindingUntilAListingNoLongerHasIt() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startWithAclsOn(RealServersResource.SECURED_KAFKA_PORT);
                KafkaFixtures kafka = new KafkaFixtures(broker)) {
            kafka.createTopic("sv.orders", 1);
            kafka.produce("sv.orders", 0, 10);
            kafka.commit("sv-billing", Map.of(new TopicPartition("sv.orders", 0), 2L));
            AclBinding describeGroups = acl(ResourceType.GROUP, "sv-", AclOperation.DESCRIBE);
            kafka.admin().createAcls(List.of(acl(ResourceType.CLUSTER, "kafka-cluster", AclOperation.DESCRIBE),
                    acl(ResourceType.TOPIC, "sv.", AclOperation.DESCRIBE), acl(ResourceType.TOPIC, "sv.", AclOperation.DESCRIBE_CONFIGS),
                    describeGroups)).all().get(30, TimeUnit.SECONDS);
            String groups = "/api/v1/kafka/secured/groups";

            try (AutoCloseable producing = kafka.producing("sv.orders", 0)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> item(groups, "group", "sv-billing").map(g -> "STOP".equals(g.get("status")))
                        .orElse(false) && finding(Rule.KAFKA_GROUP_STATUS, "secured", null, "sv-billing").isPresent());
                Map<String, Object> stopped = finding(Rule.KAFKA_GROUP_STATUS, "secured", null, "sv-billing").orElseThrow();

                kafka.admin().deleteAcls(List.of(describeGroups.toFilter())).all().get(30, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(15)).until(() -> item(groups, "group", "sv-billing").map(g -> Boolean.TRUE.equals(g.get("stale")))
                        .orElse(false));
                Map<String, Object> kept = item(groups, "group", "sv-billing").orElseThrow();
                assertEquals("STOP", kept.get("status"), "the last known status, not a new evaluation of old offsets");
                assertTrue(((String) kept.get("staleReason")).startsWith("Describe on Group denied: "), kept.toString());
                Map<String, Object> partial = target("kafka", "secured");
                assertEquals(Boolean.TRUE, partial.get("partial"));
                assertTrue(partial.get("gaps").toString().contains("Describe on Group"), partial.toString());
                Thread.sleep(4000); // longer than stop-after: a restarted clock would show
                assertSameRun(stopped, finding(Rule.KAFKA_GROUP_STATUS, "secured", null, "sv-billing"));
                assertTrue(item(groups, "group", "sv-billing").isPresent(), "not described is not deleted");

                kafka.admin().createAcls(List.of(describeGroups)).all().get(30, TimeUnit.SECONDS);
                long granted = System.nanoTime();
                AtomicReference<Map<String, Object>> firstFresh = new AtomicReference<>();
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    Optional<Map<String, Object>> g = item(groups, "group", "sv-billing");
                    g.filter(x -> Boolean.FALSE.equals(x.get("stale"))).ifPresent(firstFresh::set);
                    return firstFresh.get() != null;
                });
                double seconds = (System.nanoTime() - granted) / 1e9;
                assertEquals("STOP", firstFresh.get().get("status"),
                        "STOP on the first fresh poll (" + seconds + " s after the grant): the committed offset's clock ran on, it did not restart");
                assertSameRun(stopped, finding(Rule.KAFKA_GROUP_STATUS, "secured", null, "sv-billing"));
            }

            kafka.admin().deleteConsumerGroups(List.of("sv-billing")).all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertTrue(item(groups, "group", "sv-billing").isEmpty(), "a successful listing without it removes it");
                assertEquals("resolved", finding(Rule.KAFKA_GROUP_STATUS, "secured", null, "sv-billing")
                        .orElseThrow(() -> new AssertionError("no finding")).get("state"));
            });
        }
    }

    private static AclBinding acl(ResourceType type, String name, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, type == ResourceType.CLUSTER ? PatternType.LITERAL : PatternType.PREFIXED),
                new AccessControlEntry("User:" + KafkaBroker.WATCHER, "*", operation, AclPermissionType.ALLOW));
    }
}
