package dev.streamfit.poll;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.streamfit.support.RealServersResource;
import dev.streamfit.support.RedisServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Targets up, down and coming back, against a real Redis and a real Kafka broker. */
@QuarkusTest
@QuarkusTestResource(RealServersResource.class)
class TargetPollingTest {

    private static Map<String, Object> target(String system, String name) {
        List<Map<String, Object>> targets = given().get("/api/v1/targets").then().statusCode(200).extract().jsonPath().getList("$");
        return targets.stream().filter(t -> system.equals(t.get("system")) && name.equals(t.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no target " + system + "/" + name + " in " + targets));
    }

    @Test
    void reportsUpAndDownTargetsWhileTheOthersStayUp() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertEquals(true, target("redis", "main").get("up"));
            assertEquals(true, target("kafka", "main").get("up"));
            assertEquals(false, target("redis", "down").get("up"));
            assertEquals(false, target("kafka", "down").get("up"));
        });
        Map<String, Object> redisUp = target("redis", "main");
        assertEquals(null, redisUp.get("error"));
        assertTrue(Instant.parse((String) redisUp.get("lastPollAt")).isAfter(Instant.now().minusSeconds(10)));
        assertTrue(((Number) redisUp.get("lastPollSeconds")).doubleValue() >= 0);

        Map<String, Object> redisDown = target("redis", "down");
        String error = (String) redisDown.get("error");
        assertTrue(error != null && !error.isBlank(), "a down target carries its error: " + redisDown);
        assertFalse(error.contains(RealServersResource.DOWN_PASSWORD), error);
        assertTrue(((String) target("kafka", "down").get("error")).length() > 0);
    }

    @Test
    void listsTargetsSortedWithTheContractFields() {
        JsonPath json = given().get("/api/v1/targets").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("redis", "redis", "redis", "redis", "kafka", "kafka", "kafka"), json.getList("system"));
        assertEquals(List.of("cluster", "down", "flaky", "main", "down", "main", "secured"), json.getList("name"));
        Map<String, Object> first = json.getMap("[0]");
        assertEquals(java.util.Set.of("system", "name", "up", "lastPollAt", "lastPollSeconds", "error", "partial", "gaps"), first.keySet());
    }

    @Test
    void aTargetThatComesBackIsUpOnTheNextPollAndDownWhenItGoesAgain() {
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.FALSE.equals(target("redis", "flaky").get("up")));
        try (RedisServer flaky = RedisServer.startOn(RealServersResource.FLAKY_REDIS_PORT)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.TRUE.equals(target("redis", "flaky").get("up")));
            assertEquals(null, target("redis", "flaky").get("error"));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.FALSE.equals(target("redis", "flaky").get("up")));
    }

    @Test
    void exposesUpAndPollDurationPerTarget() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.contains("streamfit_target_up{system=\"redis\",target=\"main\"} 1.0"), metrics);
            assertTrue(metrics.contains("streamfit_target_up{system=\"kafka\",target=\"main\"} 1.0"), metrics);
            assertTrue(metrics.contains("streamfit_target_up{system=\"redis\",target=\"down\"} 0.0"), metrics);
            assertTrue(metrics.contains("streamfit_target_up{system=\"kafka\",target=\"down\"} 0.0"), metrics);
            assertTrue(metrics.matches("(?s).*streamfit_poll_duration_seconds\\{system=\"kafka\",target=\"main\"} [0-9.E-]+\n.*"), metrics);
            assertFalse(metrics.contains(RealServersResource.DOWN_PASSWORD));
        });
    }

    @Test
    void healthIsReadyOnceEveryTargetWasPolledAndLiveWhileTheSchedulerRuns() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'targets-polled' }.data.awaitingFirstPoll", equalTo(0)));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void publishesTheApiAsOpenApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/targets'.get", notNullValue())
                .body(not(containsString(RealServersResource.DOWN_PASSWORD)));
        given().get("/api/v1/targets").then().header("Warning", nullValue());
    }
}
