package dev.streamfit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.streamfit.support.FreePorts;
import dev.streamfit.support.PackagedApp;
import dev.streamfit.support.TestServers;

/** The packaged jar, configured by a file and by environment variables, against real servers. */
class PackagedAppIT {

    @Test
    void reportsUpAndDownTargetsWithinTwoPollIntervals() {
        String config = String.join("\n",
                "streamfit.poll-interval=2s",
                "streamfit.redis.main.url=" + TestServers.redis().url(),
                "streamfit.redis.gone.url=redis://admin:Very-Secret-1@127.0.0.1:" + FreePorts.next(),
                "streamfit.kafka.main.bootstrap-servers=" + TestServers.kafka().bootstrapServers(),
                "streamfit.kafka.gone.bootstrap-servers=127.0.0.1:" + FreePorts.next());
        // A target and a client property given only as environment variables, map keys included.
        Map<String, String> env = Map.of(
                "STREAMFIT_REDIS_FROMENV_URL", TestServers.redis().url(),
                "STREAMFIT_KAFKA_MAIN_PROPERTIES__CLIENT_ID_", "streamfit-it");
        try (PackagedApp app = new PackagedApp(config, env)) {
            // Two poll intervals after the app answers at all.
            await().atMost(Duration.ofSeconds(30)).until(() -> answers(app));
            await().atMost(Duration.ofSeconds(4)).untilAsserted(() -> assertEquals(
                    Map.of("redis/main", true, "redis/fromenv", true, "redis/gone", false, "kafka/main", true, "kafka/gone", false),
                    upByTarget(app)));
            String body = given().baseUri(app.baseUrl()).get("/api/v1/targets").asString();
            assertFalse(body.contains("Very-Secret-1"), body);
            assertFalse(app.output().contains("Very-Secret-1"), app.output());
        }
    }

    @Test
    void refusesANegativePollIntervalNamingTheKey() throws InterruptedException {
        try (PackagedApp app = new PackagedApp("streamfit.poll-interval=-5s\n", Map.of())) {
            int exit = app.awaitExit(60);
            assertNotEquals(-1, exit, "the app must stop, not run: " + app.output());
            assertNotEquals(0, exit);
            assertTrue(app.output().contains("streamfit.poll-interval is -5s; must be a positive duration"), app.output());
        }
    }

    @Test
    void refusesEveryBadKeyAtOnce() throws InterruptedException {
        String config = String.join("\n",
                "streamfit.redis.cache.url=memcached://cache:11211",
                "streamfit.kafka.events.bootstrap-servers=kafka-1",
                "streamfit.kafka.events.topics=orders.(*");
        try (PackagedApp app = new PackagedApp(config, Map.of())) {
            assertNotEquals(0, app.awaitExit(60));
            String output = app.output();
            for (String key : List.of("streamfit.redis.cache.url", "streamfit.kafka.events.bootstrap-servers", "streamfit.kafka.events.topics")) {
                assertTrue(output.contains(key), key + " not named in:\n" + output);
            }
        }
    }

    @Test
    void refusesAMisspelledKeyNamingIt() throws InterruptedException {
        try (PackagedApp app = new PackagedApp("streamfit.redis.main.url=redis://127.0.0.1:6379\nstreamfit.redis.main.strems=orders:*\n", Map.of())) {
            assertNotEquals(0, app.awaitExit(60));
            assertTrue(app.output().contains("streamfit.redis.main.strems"), app.output());
        }
    }

    @Test
    void startsWithoutTargetsAndSaysSo() {
        try (PackagedApp app = new PackagedApp("", Map.of())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> answers(app));
            given().baseUri(app.baseUrl()).get("/api/v1/targets").then().statusCode(200)
                    .header("Warning", org.hamcrest.Matchers.containsString("no targets configured"))
                    .body("size()", org.hamcrest.Matchers.equalTo(0));
            given().baseUri(app.baseUrl()).get("/q/health/ready").then().statusCode(200);
            assertTrue(app.output().contains("No targets configured"), app.output());
        }
    }

    private static boolean answers(PackagedApp app) {
        if (!app.isAlive()) {
            throw new AssertionError("the app exited:\n" + app.output());
        }
        try {
            return given().baseUri(app.baseUrl()).get("/q/health/live").statusCode() == 200;
        } catch (Exception e) { // not listening yet: rest-assured throws ConnectException unchecked
            return false;
        }
    }

    private static Map<String, Boolean> upByTarget(PackagedApp app) {
        List<Map<String, Object>> targets = given().baseUri(app.baseUrl()).get("/api/v1/targets").jsonPath().getList("$");
        return targets.stream().filter(t -> t.get("up") != null)
                .collect(Collectors.toMap(t -> t.get("system") + "/" + t.get("name"), t -> (Boolean) t.get("up")));
    }
}
