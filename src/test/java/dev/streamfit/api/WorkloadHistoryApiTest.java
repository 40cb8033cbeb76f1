package dev.streamfit.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.streamfit.support.KafkaFixtures;
import dev.streamfit.support.RealServersResource;
import dev.streamfit.support.RedisFixtures;
import dev.streamfit.support.TestServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code GET /api/v1/workloads/{system}/{target}/{name}/history} and {@code GET /api/v1/servers/{target}/history}
 * against real Redis and Kafka: the series hold what was written, a rewind between polls shows with
 * both of its ends, status and verdict changes are kept, and a name with a slash, a plus, a space, a
 * percent sign and "/history" in it is one path segment.
 */
@QuarkusTest
@QuarkusTestResource(RealServersResource.class)
class WorkloadHistoryApiTest {

    /** Every character a path could mistake: the name even ends like the history path. */
    static final String STREAM = "hist:a/b+c d%2F/history";
    static final String TOPIC = "hist.events";

    private static RedisFixtures redis;
    private static KafkaFixtures kafka;
    private static List<String> ids;

    @BeforeAll
    static void build() {
        redis = new RedisFixtures(TestServers.redis().url());
        kafka = new KafkaFixtures(TestServers.kafka());
        ids = redis.addEntries(STREAM, 5);
        redis.createGroup(STREAM, "readers", "0");
        redis.readGroup(STREAM, "readers", "r1", 3);
        kafka.createTopic(TOPIC, 2);
        kafka.produce(TOPIC, 0, 10);
        kafka.produce(TOPIC, 1, 10);
        kafka.commit("hist-group", Map.of(new TopicPartition(TOPIC, 0), 10L, new TopicPartition(TOPIC, 1), 5L));
    }

    @AfterAll
    static void cleanUp() {
        redis.call("DEL", STREAM);
        redis.close();
        kafka.close();
    }

    static String path(String system, String target, String name) {
        return "/api/v1/workloads/" + system + "/" + segment(target) + "/" + segment(name);
    }

    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** GETs the path as written: rest-assured must not encode it again. */
    static io.restassured.response.Response get(String encodedPath) {
        return given().urlEncodingEnabled(false).get(encodedPath);
    }

    @Test
    void aStreamsHistoryHoldsItsLengthGroupsAndARewindBetweenPolls() {
        String history = path("redis", "main", STREAM) + "/history";
        // Three samples of the group as read, then a SETID back to the start between two polls.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get(history).statusCode() == 200
                && get(history).jsonPath().getList("groups[0].time").size() >= 3);
        redis.call("XGROUP", "SETID", STREAM, "readers", "0");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> !get(history).jsonPath().getList("groups[0].rewinds").isEmpty()
                && !get(history).jsonPath().getList("verdictChanges").isEmpty());

        JsonPath json = get(history).then().statusCode(200).extract().jsonPath();
        assertEquals("redis", json.getString("system"));
        assertEquals(STREAM, json.getString("name"));
        assertEquals(120.0, json.getDouble("windowSeconds"), "the test configuration's 2 m window");
        int samples = json.getList("stream.time").size();
        assertTrue(samples >= 3, "samples: " + samples);
        for (String column : List.of("length", "memoryBytes", "entriesAdded", "entriesAddedPerSecond")) {
            assertEquals(samples, json.getList("stream." + column).size(), column + " has one value per sample");
        }
        assertEquals(5, json.getLong("stream.length[-1]"), "XLEN");
        assertNull(json.get("stream.entriesAddedPerSecond[0]"), "no rate before the second sample");
        assertTrue(json.getLong("stream.memoryBytes[-1]") > 0);

        assertEquals("readers", json.getString("groups[0].group"));
        int groupSamples = json.getList("groups[0].time").size();
        for (String column : List.of("lag", "lagSeconds", "pending")) {
            assertEquals(groupSamples, json.getList("groups[0]." + column).size(), column + " has one value per sample");
        }
        assertEquals(3, json.getLong("groups[0].pending[-1]"), "three entries read, none acknowledged");
        // Before the SETID: two entries undelivered, waiting since they were added.
        List<Object> lags = json.getList("groups[0].lag");
        List<Object> lagSeconds = json.getList("groups[0].lagSeconds");
        int before = lags.indexOf(2);
        assertTrue(before >= 0, "a sample with lag 2 before the rewind: " + lags);
        assertNotNull(lagSeconds.get(before), "time lag known while entries wait: " + lagSeconds);
        assertTrue(((Number) lagSeconds.get(before)).doubleValue() >= 0);

        Map<String, Object> rewind = json.getMap("groups[0].rewinds[0]");
        assertEquals(ids.get(2), rewind.get("from"), "where the group was: the third entry it read");
        assertEquals("0-0", rewind.get("to"));
        Map<String, Object> change = json.getMap("verdictChanges[0]");
        assertEquals("INSUFFICIENT_DATA", change.get("from"), "observed 2 s, then a verdict");
        assertNotNull(change.get("at"));

        // The workload itself under the same name, and the whole list agrees.
        JsonPath workload = get(path("redis", "main", STREAM)).then().statusCode(200).extract().jsonPath();
        assertEquals(STREAM, workload.getString("name"));
        assertEquals("main", workload.getString("target"));
    }

    @Test
    void aTopicsHistorySumsItsGroupsPartitionsAndKeepsRewindsAndStatusChanges() {
        String history = path("kafka", "main", TOPIC) + "/history";
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get(history).statusCode() == 200
                && get(history).jsonPath().getList("groups[0].time").size() >= 3);
        kafka.commit("hist-group", Map.of(new TopicPartition(TOPIC, 0), 2L));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> !get(history).jsonPath().getList("groups[0].rewinds").isEmpty()
                && get(history).jsonPath().getList("groups[0].statusChanges.to").contains("REWIND"));

        JsonPath json = get(history).then().statusCode(200).extract().jsonPath();
        int samples = json.getList("topic.time").size();
        for (String column : List.of("recordsPerSecond", "retainedRecords", "retainedBytes")) {
            assertEquals(samples, json.getList("topic." + column).size(), column + " has one value per sample");
        }
        assertEquals(20, json.getLong("topic.retainedRecords[-1]"), "10 records on each of two partitions");
        assertEquals("hist-group", json.getString("groups[0].group"));
        List<Object> lags = json.getList("groups[0].lag");
        assertEquals(json.getList("groups[0].time").size(), lags.size());
        assertTrue(lags.contains(5), "0 on partition 0 and 5 on partition 1 before the rewind: " + lags);
        assertEquals(13, ((Number) lags.get(lags.size() - 1)).intValue(), "8 on partition 0 after the rewind to 2, 5 on partition 1");
        assertEquals(lags.size(), json.getList("groups[0].lagSeconds").size());
        Map<String, Object> rewind = json.getMap("groups[0].rewinds[0]");
        assertEquals(0, rewind.get("partition"));
        assertEquals(10, rewind.get("from"));
        assertEquals(2, rewind.get("to"));
    }

    @Test
    void aRedisServersUsedMemoryWithItsLimitAndProjection() {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> given().get("/api/v1/servers/main/history").statusCode() == 200
                && given().get("/api/v1/servers/main/history").jsonPath().getList("[0].time").size() >= 2);
        JsonPath json = given().get("/api/v1/servers/main/history").jsonPath();
        assertEquals("127.0.0.1:" + TestServers.redis().port(), json.getString("[0].server"));
        long maxmemory = Long.parseLong(redis.call("CONFIG", "GET", "maxmemory").get(1).toString());
        assertEquals(maxmemory, json.getLong("[0].maxmemory"));
        assertEquals(json.getList("[0].time").size(), json.getList("[0].usedMemory").size());
        assertNotNull(json.get("[0].projection.bytesPerSecond"), "growth known from two samples on");
        assertEquals(86400.0, json.getDouble("[0].projection.horizonSeconds"), "the default memory horizon, 24 h");
        if (maxmemory == 0) {
            assertNull(json.get("[0].projection.reachesMaxmemoryAt"), "no limit to reach");
        }
    }

    @Test
    void theHistoriesAndTheFiltersAreInTheOpenApiDescription() {
        String openapi = given().get("/q/openapi").then().statusCode(200).extract().asString();
        for (String documented : List.of("/api/v1/workloads/{system}/{target}/{name}/history:", "/api/v1/workloads/{system}/{target}/{name}:",
                "/api/v1/servers/{target}/history:", "X-Total-Count", "RedisStreamHistory", "KafkaTopicHistory", "ServerHistory")) {
            assertTrue(openapi.contains(documented), documented + " in /q/openapi");
        }
    }

    @Test
    void unknownTargetsAndWorkloadsAre404AndADownTargetIs503() {
        get(path("redis", "main", "hist:no-such-stream") + "/history").then().statusCode(404)
                .body("error", org.hamcrest.Matchers.containsString("no stream 'hist:no-such-stream'"));
        get(path("redis", "nope", STREAM) + "/history").then().statusCode(404);
        get(path("mysql", "main", STREAM) + "/history").then().statusCode(404);
        get(path("kafka", "main", "no.such.topic")).then().statusCode(404);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            get(path("redis", "down", STREAM) + "/history").then().statusCode(503);
            given().get("/api/v1/servers/down/history").then().statusCode(503);
        });
        given().get("/api/v1/servers/nope/history").then().statusCode(404);
    }
}
