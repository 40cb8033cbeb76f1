package dev.streamfit.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.streamfit.history.RedisHistory;
import dev.streamfit.poll.SystemKind;
import dev.streamfit.poll.TargetId;
import dev.streamfit.support.RealServersResource;
import dev.streamfit.support.RedisFixtures;
import dev.streamfit.support.TestServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The Redis streams API, metrics, findings and history, fed by real polls of a real Redis. */
@QuarkusTest
@QuarkusTestResource(RealServersResource.class)
class RedisStreamsApiTest {

    private static RedisFixtures redis;

    @Inject
    RedisHistory history;

    @BeforeAll
    static void buildStreams() {
        redis = new RedisFixtures(TestServers.redis().url());
        redis.addEntries("api:orders \"eu\"", 1000);
        redis.createGroup("api:orders \"eu\"", "billing", "0");
        redis.readGroup("api:orders \"eu\"", "billing", "w1", 50);
        redis.call("XTRIM", "api:orders \"eu\"", "MAXLEN", 100);
        redis.addEntries("api:setid", 10);
        redis.createGroup("api:setid", "replay", "$");
        redis.call("XDEL", "api:setid", redis.call("XRANGE", "api:setid", "-", "+").get(5).get(0).toString());
        redis.call("XGROUP", "SETID", "api:setid", "replay", redis.call("XRANGE", "api:setid", "-", "+").get(1).get(0).toString());
        redis.call("XADD", new byte[] {'a', 'p', 'i', ':', (byte) 0xc3}, "*", "n", 1);
        // A poison message: pending, delivered 7 times, idle 10 minutes.
        redis.addEntries("api:poison", 3);
        redis.createGroup("api:poison", "workers", "0");
        redis.readGroup("api:poison", "workers", "w1", 1);
        String first = redis.call("XRANGE", "api:poison", "-", "+", "COUNT", 1).get(0).get(0).toString();
        redis.call("XCLAIM", "api:poison", "workers", "w1", 0, first, "IDLE", 600_000, "RETRYCOUNT", 7);
    }

    @AfterAll
    static void removeStreams() {
        for (var key : redis.call("KEYS", "api:*")) {
            redis.call("DEL", key.toBytes());
        }
        redis.close();
    }

    private static JsonPath streams() {
        return given().get("/api/v1/redis/main/streams").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> stream(String name) {
        List<Map<String, Object>> all = streams().getList("$");
        return all.stream().filter(s -> name.equals(s.get("stream"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + all.stream().map(s -> s.get("stream")).toList()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> group(Map<String, Object> stream, String name) {
        return ((List<Map<String, Object>>) stream.get("groups")).stream().filter(g -> name.equals(g.get("group"))).findFirst().orElseThrow();
    }

    @Test
    void streamsHaveTheContractShapeWithTrimLossAndUnknownLag() {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> stream("api:setid"));
        Map<String, Object> orders = stream("api:orders \"eu\"");
        assertEquals(100, orders.get("length"));
        assertEquals(1000, orders.get("entriesAdded"));
        assertFalse(orders.containsKey("shard"), "shard only in cluster mode");
        for (String field : List.of("stream", "length", "memoryBytes", "firstEntryId", "lastEntryId", "entriesAdded",
                "oldestEntryAgeSeconds", "groups")) {
            assertTrue(orders.containsKey(field), field);
        }
        Map<String, Object> billing = group(orders, "billing");
        assertEquals(100, billing.get("lag"));
        assertEquals(850, billing.get("trimmedBeforeDelivery"));
        for (String field : List.of("group", "consumers", "pending", "lag", "lagSeconds", "entriesRead", "lastDeliveredId",
                "oldestPendingIdleSeconds", "oldestPendingDeliveries")) {
            assertTrue(billing.containsKey(field), field);
        }
        Map<String, Object> replay = group(stream("api:setid"), "replay");
        assertTrue(replay.containsKey("lag"));
        assertNull(replay.get("lag"), "unknown is null, never 0");
        stream("api:\\xc3");
    }

    @Test
    void unknownTargetIs404AndADownTargetIs503WithItsReason() {
        given().get("/api/v1/redis/nope/streams").then().statusCode(404).body("error", containsString("nope"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/redis/down/streams").then().statusCode(503)
                .body("error", containsString("last poll failed")));
    }

    @Test
    void metricsCarryStreamsAndGroupsWithEscapedLabelsAndNoUnknownSeries() {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.contains("streamfit_redis_stream_length{target=\"main\",stream=\"api:orders \\\"eu\\\"\"} 100.0"), metrics);
            assertTrue(metrics.contains("streamfit_redis_stream_group_lag{target=\"main\",stream=\"api:orders \\\"eu\\\"\",group=\"billing\"} 100.0"));
            assertTrue(metrics.contains("streamfit_redis_stream_group_trimmed_before_delivery{target=\"main\",stream=\"api:orders \\\"eu\\\"\",group=\"billing\"} 850.0"));
            assertTrue(metrics.contains("streamfit_redis_stream_group_lag_seconds{target=\"main\",stream=\"api:setid\",group=\"replay\"}"));
            assertFalse(metrics.contains("streamfit_redis_stream_group_lag{target=\"main\",stream=\"api:setid\""), "unknown lag is absent");
            assertTrue(metrics.contains("streamfit_redis_stream_length{target=\"main\",stream=\"api:\\\\xc3\"} 1.0"));
            assertTrue(metrics.contains("streamfit_redis_memory_used_bytes{target=\"main\",shard=\"127.0.0.1:" + TestServers.redis().port() + "\"}"));
            assertFalse(metrics.contains("streamfit_redis_memory_max_bytes{target=\"main\""), "no limit: absent");
            assertTrue(metrics.contains("streamfit_redis_stream_consumer_pending{target=\"main\",stream=\"api:orders \\\"eu\\\"\",group=\"billing\",consumer=\"w1\"} 50.0"),
                    "consumer-metrics=true on main");
        });
    }

    @Test
    void aGroupThatLostEntriesToATrimIsAFinding() {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/api/v1/findings").then().statusCode(200)
                .body("find { it.rule == 'redis.group.fell-off-trim' && it.workload == 'api:orders \"eu\"' }.value", equalTo(850.0f))
                .body("find { it.rule == 'redis.group.fell-off-trim' && it.workload == 'api:orders \"eu\"' }.group", equalTo("billing")));
        given().get("/api/v1/findings").then()
                .body("find { it.rule == 'target.down' && it.target == 'down' && it.system == 'redis' }.severity", equalTo("critical"))
                .body("find { it.rule == 'redis.pending.poison' && it.workload == 'api:poison' }.value", equalTo(7.0f))
                .body("find { it.rule == 'redis.group.stalled' && it.workload == 'api:poison' }.group", equalTo("workers"))
                .body("find { it.rule == 'redis.memory.no-limit' }.workload", equalTo("127.0.0.1:" + TestServers.redis().port()))
                .body("find { it.rule == 'redis.durability-mismatch' }.message", containsString("no persistence"));
    }

    @Test
    void historyKeepsSamplesPerStreamAndGroup() {
        TargetId main = new TargetId(SystemKind.REDIS, "main");
        await().atMost(Duration.ofSeconds(15)).until(() -> history.stream(main, "api:orders \"eu\"").map(s -> s.size() >= 2).orElse(false));
        var samples = history.group(main, "api:orders \"eu\"", "billing").orElseThrow();
        assertEquals(100.0, samples.values()[samples.size() - 1][RedisHistory.GROUP_LAG]);
        assertTrue(Double.isNaN(history.group(main, "api:setid", "replay").orElseThrow().values()[0][RedisHistory.GROUP_LAG]),
                "unknown lag is kept as unknown");
    }
}
