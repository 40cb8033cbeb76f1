package dev.streamfit.alerting;

import static dev.streamfit.alerting.AlertingProfile.ALERTMANAGER;
import static dev.streamfit.alerting.AlertingProfile.FROM_ALERTMANAGER;
import static dev.streamfit.alerting.AlertingProfile.OTHERS;
import static dev.streamfit.alerting.AlertingProfile.OUTAGE;
import static dev.streamfit.alerting.AlertingProfile.SIGNED;
import static dev.streamfit.alerting.Receivers.assertSigned;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.streamfit.support.RealServersResource;
import dev.streamfit.support.RedisFixtures;
import dev.streamfit.support.TestServers;
import dev.streamfit.support.WebhookReceiver;
import dev.streamfit.support.WebhookReceiver.Answer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A finding raised against the real Redis of the test suite, through every sink to real receivers
 * and through a real Alertmanager: fired after its rule's for, retried with one webhook-id and valid
 * signatures, repeated, resolved, never duplicated once delivered; nothing lost across a two-minute
 * receiver outage; the test endpoint behind its admin token.
 */
@QuarkusTest
@TestProfile(AlertingProfile.class)
@QuarkusTestResource(RealServersResource.class)
class AlertDeliveryTest {

    private static final String RULE = "redis.group.fell-off-trim";

    @Test
    void aFindingOnTheRealRedisIsDeliveredEverywhereThroughRetriesRepeatedAndResolved() throws Exception {
        String stream = "alerting-" + UUID.randomUUID().toString().substring(0, 8);
        SIGNED.answerNextContaining(stream, Answer.status(503), Answer.tooManyRequests("1"), Answer.hang());
        try (RedisFixtures redis = new RedisFixtures(TestServers.redis().url())) {
            trimBeforeTheGroupReads(redis, stream);
            Map<String, Object> pending = await().atMost(Duration.ofSeconds(20)).until(() -> finding(stream), Optional::isPresent).orElseThrow();
            Instant since = Instant.parse((String) pending.get("since"));

            // Alertmanager format, signed: four attempts, one webhook-id, the last accepted.
            List<WebhookReceiver.Request> attempts = await().atMost(Duration.ofSeconds(30))
                    .until(() -> SIGNED.requests("/am").stream().filter(r -> r.text().contains(stream)).toList(),
                            list -> list.stream().anyMatch(r -> r.status() == 200));
            assertEquals(List.of(503, 429, 0, 200), attempts.stream().map(WebhookReceiver.Request::status).toList());
            assertEquals(1, attempts.stream().map(r -> r.header("webhook-id")).distinct().count(), "one webhook-id across retries");
            for (WebhookReceiver.Request attempt : attempts) {
                assertSigned(attempt);
            }
            Duration waited = Duration.between(since, attempts.get(0).at());
            assertTrue(waited.compareTo(Duration.parse("PT" + AlertingProfile.RULE_FOR.toUpperCase())) >= 0,
                    "fired only after the rule's for: " + waited);
            JsonNode fired = Receivers.JSON.readTree(attempts.get(3).body());
            assertEquals("4", fired.get("version").asText());
            assertEquals("{}:{system=\"redis\", target=\"main\"}", fired.get("groupKey").asText());
            assertEquals("am", fired.get("receiver").asText());
            assertEquals(AlertingProfile.EXTERNAL_URL, fired.get("externalURL").asText());
            assertEquals(Map.of("system", "redis", "target", "main"), Receivers.JSON.convertValue(fired.get("groupLabels"), Map.class));
            JsonNode alert = alertOf(fired, stream).orElseThrow();
            assertEquals("firing", alert.get("status").asText());
            assertEquals(RULE, alert.at("/labels/alertname").asText());
            assertEquals("billing", alert.at("/labels/group").asText());
            assertEquals("6", alert.at("/annotations/value").asText());
            assertEquals(AlertmanagerFormat.ZERO_TIME, alert.get("endsAt").asText());
            assertEquals(AlertingProfile.EXTERNAL_URL + "/#/workloads/redis/main/" + stream, alert.get("generatorURL").asText());
            assertEquals(pending.get("fingerprint"), alert.get("fingerprint").asText());

            // The same finding through a real Alertmanager: pushed, held, forwarded to its own receiver.
            await().atMost(Duration.ofSeconds(20)).until(() -> String.valueOf(ALERTMANAGER.alerts()).contains(stream));
            WebhookReceiver.Request forwarded = await().atMost(Duration.ofSeconds(20))
                    .until(() -> firstContaining(FROM_ALERTMANAGER, stream, "\"status\":\"firing\""), Optional::isPresent).orElseThrow();
            JsonNode fromAlertmanager = Receivers.JSON.readTree(forwarded.body());
            assertEquals(fieldNames(fromAlertmanager), fieldNames(fired), "StreamFit's payload has Alertmanager's fields");
            assertEquals(fieldNames(fromAlertmanager.get("alerts").get(0)), fieldNames(alert), "and its alerts' fields");
            assertEquals(alertOf(fromAlertmanager, stream).orElseThrow().get("labels"), alert.get("labels"), "the same labels either way");

            // Slack and StreamFit formats.
            JsonNode slack = Receivers.JSON.readTree(await().atMost(Duration.ofSeconds(20))
                    .until(() -> firstContaining(OTHERS, stream, "/slack"), Optional::isPresent).orElseThrow().body());
            assertTrue(slack.get("text").asText().startsWith("[FIRING] warning " + RULE), slack.toString());
            assertTrue(slack.get("blocks").toString().contains("Open in StreamFit"), slack.toString());
            WebhookReceiver.Request generic = await().atMost(Duration.ofSeconds(20))
                    .until(() -> firstContaining(OTHERS, stream, "/generic"), Optional::isPresent).orElseThrow();
            assertEquals("Bearer " + AlertingProfile.GENERIC_TOKEN, generic.header("authorization"));
            assertEquals("sre", generic.header("x-team"));
            assertNotNull(generic.header("webhook-id"));
            JsonNode genericBody = Receivers.JSON.readTree(generic.body());
            assertEquals("fired", genericBody.get("event").asText());
            assertEquals("firing", genericBody.at("/finding/state").asText());
            assertEquals(stream, genericBody.at("/finding/workload").asText());

            // Still firing after the repeat interval: repeated.
            WebhookReceiver.Request repeated = await().atMost(Duration.ofSeconds(30))
                    .until(() -> OTHERS.requests("/generic").stream().filter(r -> r.text().contains(stream) && r.text().contains("\"repeated\"")).findFirst(),
                            Optional::isPresent).orElseThrow();
            assertTrue(Duration.between(generic.at(), repeated.at()).toMillis() >= 7_000, "repeated after the interval");

            redis.call("DEL", stream);
        }
        // Resolved: to the signed receiver, through Alertmanager, not to the sink with send-resolved=false.
        WebhookReceiver.Request resolved = await().atMost(Duration.ofSeconds(20)).until(() -> SIGNED.requests("/am").stream()
                .filter(r -> r.status() == 200 && alertOf(json(r), stream).map(a -> a.get("status").asText().equals("resolved")).orElse(false))
                .findFirst(), Optional::isPresent).orElseThrow();
        assertSigned(resolved);
        assertTrue(Instant.parse(alertOf(json(resolved), stream).orElseThrow().get("endsAt").asText()).isAfter(Instant.now().minusSeconds(30)));
        await().atMost(Duration.ofSeconds(30)).until(() -> firstContaining(FROM_ALERTMANAGER, stream, "\"status\":\"resolved\"").isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> !String.valueOf(ALERTMANAGER.alerts()).contains(stream));
        Thread.sleep(2000);
        assertFalse(OTHERS.requests("/generic").stream().anyMatch(r -> r.text().contains(stream) && r.text().contains("\"resolved\"")),
                "send-resolved=false");
        assertNoDeliveredNoticeSentTwice(SIGNED.requests("/am"));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(counter(metrics, "streamfit_webhook_deliveries_total{webhook=\"am\",outcome=\"retried\"}") >= 3, metrics);
        assertTrue(counter(metrics, "streamfit_webhook_deliveries_total{webhook=\"am\",outcome=\"delivered\"}") >= 2, metrics);
        assertTrue(metrics.contains("streamfit_webhook_queue_size{webhook=\"slack\"}"), metrics);
        assertTrue(counter(metrics, "streamfit_webhook_delivery_latency_seconds_count{webhook=\"am\"}") >= 2, metrics);
        assertTrue(counter(metrics, "streamfit_alertmanager_pushes_total{outcome=\"delivered\"}") >= 1, metrics);
    }

    @Test
    void theTestEndpointNeedsTheAdminTokenAndSendsASignedTestNotice() throws Exception {
        given().post("/api/v1/alerts/test?webhook=am").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().auth().oauth2("wrong").post("/api/v1/alerts/test?webhook=am").then().statusCode(401);
        given().auth().oauth2(AlertingProfile.ADMIN_TOKEN).post("/api/v1/alerts/test?webhook=nope").then().statusCode(404);

        String id = given().auth().oauth2(AlertingProfile.ADMIN_TOKEN).post("/api/v1/alerts/test?webhook=am").then().statusCode(200)
                .body("result", org.hamcrest.Matchers.equalTo("DELIVERED")).extract().path("id");

        WebhookReceiver.Request test = SIGNED.requests("/am").stream().filter(r -> id.equals(r.header("webhook-id"))).findFirst().orElseThrow();
        assertSigned(test);
        assertEquals("streamfit.test", json(test).at("/alerts/0/labels/alertname").asText());
        assertFalse(given().get("/q/metrics").asString().contains(AlertingProfile.ADMIN_TOKEN));
    }

    /**
     * The receiver is down for two minutes while findings fire and resolve; once it is back, every
     * notice raised meanwhile arrives, each delivered once.
     */
    @Test
    void nothingIsLostAcrossATwoMinuteReceiverOutage() throws Exception {
        String prefix = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        String kept = prefix + "-kept";
        String gone = prefix + "-gone";
        OUTAGE.down();
        Instant down = Instant.now();
        try (RedisFixtures redis = new RedisFixtures(TestServers.redis().url())) {
            trimBeforeTheGroupReads(redis, kept);
            trimBeforeTheGroupReads(redis, gone);
            await().atMost(Duration.ofSeconds(30)).until(() -> state(kept).equals("firing") && state(gone).equals("firing"));
            redis.call("DEL", gone);
            await().atMost(Duration.ofSeconds(30)).until(() -> state(gone).equals("resolved"));
            Thread.sleep(Math.max(0, Duration.ofMinutes(2).minus(Duration.between(down, Instant.now())).toMillis()));
            assertTrue(given().get("/q/metrics").asString().contains("streamfit_webhook_deliveries_total{webhook=\"outage\",outcome=\"retried\"}"));
            OUTAGE.up();

            await().atMost(Duration.ofSeconds(60)).until(() -> events(kept).contains("fired") && events(gone).containsAll(List.of("fired", "resolved")));
            assertEquals(List.of("fired", "resolved"), events(gone), "in the order they happened");
            assertNoDeliveredNoticeSentTwice(OUTAGE.requests("/outage"));
            redis.call("DEL", kept);
        }
    }

    private static void trimBeforeTheGroupReads(RedisFixtures redis, String stream) {
        redis.addEntries(stream, 10);
        redis.createGroup(stream, "billing", "0");
        redis.readGroup(stream, "billing", "b1", 2);
        redis.call("XTRIM", stream, "MAXLEN", "2"); // 6 entries trimmed before billing read them
    }

    /** The events of the notices about {@code workload} the outage receiver accepted, in arrival order. */
    private static List<String> events(String workload) {
        return OUTAGE.requests("/outage").stream().filter(r -> r.status() == 200 && r.text().contains("\"" + workload + "\""))
                .map(r -> json(r).get("event").asText()).filter(e -> !e.equals("repeated")).toList();
    }

    private static void assertNoDeliveredNoticeSentTwice(List<WebhookReceiver.Request> requests) {
        List<String> accepted = requests.stream().filter(r -> r.status() == 200).map(r -> r.header("webhook-id")).toList();
        Set<String> unique = new HashSet<>(accepted);
        assertEquals(unique.size(), accepted.size(), "a notice accepted once is not sent again: " + accepted);
        Set<String> acceptedSet = new HashSet<>(accepted);
        List<String> afterAcceptance = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (WebhookReceiver.Request r : requests) {
            if (seen.contains(r.header("webhook-id"))) {
                afterAcceptance.add(r.header("webhook-id"));
            }
            if (r.status() == 200 && acceptedSet.contains(r.header("webhook-id"))) {
                seen.add(r.header("webhook-id"));
            }
        }
        assertEquals(List.of(), afterAcceptance);
    }

    private static Optional<Map<String, Object>> finding(String stream) {
        List<Map<String, Object>> findings = given().get("/api/v1/findings").then().statusCode(200).extract().jsonPath().getList("$");
        return findings.stream().filter(f -> RULE.equals(f.get("rule")) && stream.equals(f.get("workload"))).findFirst();
    }

    private static String state(String stream) {
        return finding(stream).map(f -> (String) f.get("state")).orElse("absent");
    }

    private static Optional<WebhookReceiver.Request> firstContaining(WebhookReceiver receiver, String text, String alsoPathOrText) {
        return receiver.requests().stream().filter(r -> r.status() == 200 && r.text().contains(text)
                && (r.path().equals(alsoPathOrText) || r.text().contains(alsoPathOrText))).findFirst();
    }

    private static Optional<JsonNode> alertOf(JsonNode payload, String workload) {
        for (JsonNode alert : payload.get("alerts")) {
            if (workload.equals(alert.at("/labels/workload").asText())) {
                return Optional.of(alert);
            }
        }
        return Optional.empty();
    }

    private static JsonNode json(WebhookReceiver.Request request) {
        try {
            return Receivers.JSON.readTree(request.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static double counter(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .findFirst().orElse(-1.0);
    }
}
