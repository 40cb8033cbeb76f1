package dev.streamfit.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.streamfit.support.HeadlessChromium;
import dev.streamfit.support.PackagedApp;
import dev.streamfit.support.RedisFixtures;
import dev.streamfit.support.RedisServer;

/**
 * The report page at 10,000 streams × 3 groups, timed in a real headless Chromium against the
 * packaged service: from navigation to the first workload card painted, under 1 s; from a click on a
 * card to its charts drawn (its history fetched included), under 200 ms. The streams are loaded
 * pipelined into a Redis of the test's own, watched by a service of its own, so the other tests'
 * service never polls them.
 */
class ReportPageScaleIT {

    static final int STREAMS = 10_000;
    static final int GROUPS = 3;
    static final long FIRST_RENDER_LIMIT_MS = 1000;
    static final long CHARTS_LIMIT_MS = 200;
    static final int RUNS = 3;

    /** Records, in every document, when the first workload card is in the page and when the frame after it was painted. */
    static final String FIRST_CARD_PROBE = """
            window.__firstCard = {};
            new MutationObserver((records, observer) => {
              if (document.querySelector('#workload-list article.card')) {
                observer.disconnect();
                window.__firstCard.inserted = performance.now();
                requestAnimationFrame(() => setTimeout(() => { window.__firstCard.painted = performance.now(); }, 0));
              }
            }).observe(document, { childList: true, subtree: true });
            """;

    /** Opens the first closed card by a click; answers the milliseconds until its charts are drawn and painted. */
    static final String OPEN_A_CARD = """
            new Promise((resolve, reject) => {
              const card = document.querySelector('#workload-list article.card:not(.open)');
              const started = performance.now();
              const done = () => requestAnimationFrame(() => setTimeout(() => resolve({
                ms: performance.now() - started, name: card.dataset.name, charts: card.querySelectorAll('figure.chart canvas').length }), 0));
              new MutationObserver((records, observer) => {
                if (card.dataset.charts === 'drawn') { observer.disconnect(); done(); }
              }).observe(card, { attributes: true, attributeFilter: ['data-charts'] });
              setTimeout(() => reject(new Error('no charts after 10 s')), 10000);
              card.querySelector('.card-toggle').click();
            })
            """;

    @Test
    void theFirstCardRendersWithinASecondAndACardsChartsWithin200Ms() {
        try (RedisServer redis = RedisServer.start()) {
            double loaded = load(redis.url());
            String config = String.join("\n",
                    "streamfit.poll-interval=5s",
                    "streamfit.poll-timeout=30s",
                    "streamfit.advisor.window=10m",
                    "streamfit.redis.scale.url=" + redis.url());
            try (PackagedApp app = new PackagedApp(config, Map.of(), "512m"); HeadlessChromium chromium = HeadlessChromium.start(1400, 1000)) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .until(() -> String.valueOf(STREAMS).equals(given().baseUri(app.baseUrl()).get("/api/v1/workloads?limit=0")
                                .header(ListPage.TOTAL_HEADER)));
                // A second poll, so that each card's history has two samples.
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> given().baseUri(app.baseUrl()).get("/api/v1/workloads?limit=1").jsonPath().getDouble("[0].observedSeconds") > 0);
                chromium.beforeEachDocument(FIRST_CARD_PROBE);

                List<Double> firstRender = new ArrayList<>();
                List<Double> charts = new ArrayList<>();
                for (int run = 0; run < RUNS; run++) {
                    chromium.navigate("about:blank");
                    chromium.navigate(app.baseUrl() + "/");
                    JsonNode times = chromium.waitFor("window.__firstCard && window.__firstCard.painted && window.__firstCard", Duration.ofSeconds(30),
                            "the first workload card");
                    firstRender.add(times.get("painted").asDouble());
                    String range = chromium.waitFor("document.getElementById('workload-range').textContent", Duration.ofSeconds(5), "the range")
                            .asText();
                    assertEquals("Showing 1–50 of 10,000 workloads (page 1 of 200)", range);
                    JsonNode opened = chromium.evaluate(OPEN_A_CARD);
                    assertTrue(opened.get("charts").asInt() >= 5, "the card's charts: " + opened);
                    charts.add(opened.get("ms").asDouble());
                }
                System.out.printf(Locale.ROOT, "ReportPageScaleIT: %,d streams × %d groups loaded in %.1f s; first workload card painted after %s ms"
                        + " (navigation start to the frame after it, %d page loads); a card's charts drawn %s ms after the click%n",
                        STREAMS, GROUPS, loaded, format(firstRender), RUNS, format(charts));
                assertEquals(List.of(), chromium.pageErrors());
                for (double ms : firstRender) {
                    assertTrue(ms < FIRST_RENDER_LIMIT_MS, "first render took " + format(firstRender) + " ms; limit " + FIRST_RENDER_LIMIT_MS);
                }
                for (double ms : charts) {
                    assertTrue(ms < CHARTS_LIMIT_MS, "a card's charts took " + format(charts) + " ms; limit " + CHARTS_LIMIT_MS);
                }
            }
        }
    }

    /** 10,000 streams of 3 entries, each with 3 groups that read one entry: lag 2, 1 pending. Pipelined; answers the seconds it took. */
    static double load(String url) {
        long started = System.nanoTime();
        try (RedisFixtures redis = new RedisFixtures(url)) {
            List<Object[]> batch = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                String key = "scale:stream:" + i;
                for (int e = 0; e < 3; e++) {
                    batch.add(new Object[] {"XADD", key, "*", "n", e});
                }
                for (int g = 0; g < GROUPS; g++) {
                    batch.add(new Object[] {"XGROUP", "CREATE", key, "g" + g, "0"});
                    batch.add(new Object[] {"XREADGROUP", "GROUP", "g" + g, "c1", "COUNT", 1, "STREAMS", key, ">"});
                }
                if (batch.size() >= 2000) {
                    redis.batch(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                redis.batch(batch);
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    static String format(List<Double> millis) {
        return millis.stream().map(ms -> String.format(Locale.ROOT, "%.0f", ms)).toList().toString();
    }
}
