package dev.streamfit.monitoring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.streamfit.demo.DemoTraffic;
import dev.streamfit.support.FreePorts;
import dev.streamfit.support.PackagedApp;
import dev.streamfit.support.PrometheusServer;
import dev.streamfit.support.Promtool;
import dev.streamfit.support.RedisFixtures;
import dev.streamfit.support.RedisServer;
import dev.streamfit.support.TestServers;

/**
 * End to end: the packaged service watches a real Redis and Kafka loaded with the demo's archetype
 * workloads (a stream that outgrew Redis, one that fits, a topic that is overbuilt, one that fits)
 * plus a consumer group holding unacknowledged entries; a real Prometheus scrapes it every second;
 * every query of every dashboard, its variables at All and {@code $__rate_interval} a fixed range, is
 * valid for Prometheus and returns data. None is exempt: even Stage failures has its series (0 for
 * every stage) while nothing fails.
 */
class DashboardQueriesIT {

    static final String TARGET = "demo";
    static final String STALLED_STREAM = "refunds";
    static final String STALLED_GROUP = "refunder";
    static final Duration DATA_TIMEOUT = Duration.ofSeconds(75);

    @Test
    void everyPanelQueryReturnsDataFromARealPrometheusAndTheScrapePassesPromtool() throws Exception {
        // Persistence on, as in the demo, and a memory limit, so that the memory panels have their maxmemory line.
        try (RedisServer redis = RedisServer.startOn(FreePorts.next(), "--appendonly", "yes", "--maxmemory", "256mb",
                "--maxmemory-policy", "noeviction");
                DemoTraffic traffic = DemoTraffic.start(redis.url(), TestServers.kafka());
                PackagedApp app = new PackagedApp(config(redis.url()), Map.of());
                PrometheusServer prometheus = PrometheusServer.scraping(URI.create(app.baseUrl()).getAuthority())) {
            stallAGroup(redis.url());
            awaitScraped(prometheus, app);

            Map<String, String> queries = new LinkedHashMap<>();
            for (Dashboard dashboard : Dashboard.shipped()) {
                for (Dashboard.Query query : dashboard.queries()) {
                    queries.put(dashboard.fileName() + " " + query, query.forPrometheus(DashboardLint.FIXED_RANGE));
                }
            }
            List<String> withoutData = awaitData(prometheus, queries);
            assertEquals(List.of(), withoutData, "queries without data after " + DATA_TIMEOUT.toSeconds() + " s");

            String scrape = given().baseUri(app.baseUrl()).accept(PrometheusServer.SCRAPE_ACCEPT).get("/q/metrics").then().statusCode(200).extract().asString();
            Promtool.Result check = Promtool.checkMetrics(scrape);
            assertEquals(0, check.exitCode(), check.output());
            assertEquals("", check.output().trim(), check.output());
        }
    }

    /** Polls every second; verdicts within seconds; findings fire at once, so the finding panels have data. */
    private static String config(String redisUrl) {
        return String.join("\n",
                "streamfit.poll-interval=1s",
                "streamfit.advisor.window=2m",
                "streamfit.advisor.min-observation=3s",
                "streamfit.advisor.stable-evaluations=2",
                "streamfit.alerts.for=0s",
                "streamfit.redis." + TARGET + ".url=" + redisUrl,
                "streamfit.kafka." + TARGET + ".bootstrap-servers=" + TestServers.kafka().bootstrapServers(),
                "");
    }

    /** A group whose consumer read five entries and never acknowledged them: the pending-entry panels have a line. */
    private static void stallAGroup(String redisUrl) {
        try (RedisFixtures redis = new RedisFixtures(redisUrl)) {
            redis.addEntries(STALLED_STREAM, 20);
            redis.createGroup(STALLED_STREAM, STALLED_GROUP, "0");
            redis.readGroup(STALLED_STREAM, STALLED_GROUP, "worker-1", 5);
        }
    }

    private static void awaitScraped(PrometheusServer prometheus, PackagedApp app) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!prometheus.targetUp()) {
            if (!app.isAlive() || !prometheus.isAlive() || System.nanoTime() > deadline) {
                fail("Prometheus did not scrape StreamFit within 60 s (app alive: " + app.isAlive() + ", prometheus alive: "
                        + prometheus.isAlive() + ")\n" + app.output());
            }
            Thread.sleep(500);
        }
    }

    /**
     * Asks Prometheus every query until all return data or the time is up; a query Prometheus refuses
     * fails at once. Returns the queries still without data, with what was sent.
     */
    private static List<String> awaitData(PrometheusServer prometheus, Map<String, String> queries) throws InterruptedException {
        long deadline = System.nanoTime() + DATA_TIMEOUT.toNanos();
        List<String> withoutData;
        do {
            withoutData = new ArrayList<>();
            for (Map.Entry<String, String> query : queries.entrySet()) {
                if (prometheus.query(query.getValue()).path("result").isEmpty()) {
                    withoutData.add(query.getKey() + "  (sent: " + query.getValue() + ")");
                }
            }
            if (withoutData.isEmpty()) {
                return withoutData;
            }
            Thread.sleep(2000);
        } while (System.nanoTime() < deadline);
        return withoutData;
    }
}
