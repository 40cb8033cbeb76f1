package dev.streamfit.helm;

import static dev.streamfit.helm.RenderedChart.VALUES_CHART_SECRET;
import static dev.streamfit.helm.RenderedChart.VALUES_FULL;
import static dev.streamfit.helm.RenderedChart.fullName;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.streamfit.support.FreePorts;
import dev.streamfit.support.PackagedApp;
import dev.streamfit.support.RedisServer;
import dev.streamfit.support.TestServers;

/**
 * The packaged jar started the way the chart's pod starts it: the ConfigMap's application.yaml as
 * its config file and the container's environment, secret variables filled from the chart's Secret
 * as the kubelet fills them. The Redis target "orders" is a real server that requires the password
 * from the Secret, and "events" the test Kafka broker; the other targets point at ports where nothing
 * listens. StreamFit must start with this configuration, see exactly those targets, and never show a
 * credential.
 */
class HelmChartIT {

    @Test
    void theDeployedConfigurationStartsStreamFitWithCredentialsFromTheSecret() {
        String password = RenderedChart.stringMap(RenderedChart.readYaml(VALUES_CHART_SECRET).path("secrets")).get("redis-orders-password");
        String user = RenderedChart.readYaml(VALUES_FULL).path("config").path("redis").path("orders").path("username").asText();
        // The default user stays open for the server's own start-up check; StreamFit logs in as its own ACL user.
        try (RedisServer redis = RedisServer.startOn(FreePorts.next(), "--user", user, "on", ">" + password, "~*", "+@all")) {
            Map<String, String> set = new LinkedHashMap<>();
            set.put("config.redis.orders.url", redis.url() + "/0");
            set.put("secrets.redis-cache-url", "rediss://default:Redis-Cache-Secret-2@127.0.0.1:" + FreePorts.next());
            set.put("config.kafka.events.bootstrap-servers", TestServers.kafka().bootstrapServers());
            set.put("config.kafka.events.properties.security\\.protocol", "PLAINTEXT");
            set.put("config.kafka.payments.bootstrap-servers", "127.0.0.1:" + FreePorts.next());
            // Receivers on this machine only; nothing listens there.
            set.put("config.alerts.webhooks.ops.url", "http://127.0.0.1:" + FreePorts.next() + "/ops");
            set.put("secrets.webhook-chat-url", "http://127.0.0.1:" + FreePorts.next() + "/chat");
            set.put("config.alerts.alertmanager.url", "http://127.0.0.1:" + FreePorts.next());
            RenderedChart chart = RenderedChart.render(List.of(VALUES_FULL, VALUES_CHART_SECRET), set);

            Map<String, String> secrets = chart.secretValues(fullName() + "-credentials");
            Map<String, String> environment = new LinkedHashMap<>(chart.resolvedEnv(secrets));
            // PackagedApp points QUARKUS_CONFIG_LOCATIONS at its own copy of application.yaml.
            environment.remove("QUARKUS_CONFIG_LOCATIONS");
            try (PackagedApp app = new PackagedApp(chart.configText(), ".yaml", environment, "256m")) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertEquals(
                        Map.of("redis/orders", true, "redis/cache", false, "kafka/events", true, "kafka/payments", false),
                        upByTarget(app)));
                given().baseUri(app.baseUrl()).get("/q/health/ready").then().statusCode(200);
                String targets = given().baseUri(app.baseUrl()).get("/api/v1/targets").asString();
                String findings = given().baseUri(app.baseUrl()).get("/api/v1/findings").asString();
                secrets.forEach((key, value) -> {
                    assertFalse(targets.contains(value) || findings.contains(value), "secret " + key + " shown by the API");
                    assertFalse(app.output().contains(value), "secret " + key + " in the log:\n" + app.output());
                });
            }
        }
    }

    private static Map<String, Boolean> upByTarget(PackagedApp app) {
        if (!app.isAlive()) {
            throw new AssertionError("StreamFit exited:\n" + app.output());
        }
        List<Map<String, Object>> targets;
        try {
            targets = given().baseUri(app.baseUrl()).get("/api/v1/targets").jsonPath().getList("$");
        } catch (Exception e) { // not listening yet
            throw new AssertionError("not answering yet", e);
        }
        return targets.stream().filter(t -> t.get("up") != null)
                .collect(Collectors.toMap(t -> t.get("system") + "/" + t.get("name"), t -> (Boolean) t.get("up")));
    }
}
