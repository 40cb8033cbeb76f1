package dev.streamfit.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.streamfit.alerting.ReportLinks;
import dev.streamfit.support.HeadlessChromium;
import dev.streamfit.support.KafkaFixtures;
import dev.streamfit.support.RealServersResource;
import dev.streamfit.support.RedisFixtures;
import dev.streamfit.support.TestServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Finding one's way on the report page in a real headless Chromium: filters change what is shown
 * (and the address), links open the right card — the alerts' and dashboards' form and the older one —
 * or filter the findings, a hostile name stays text, the keyboard reaches and opens a card, and text
 * and chart colours pass WCAG AA contrast in light and dark mode.
 */
@QuarkusTest
@QuarkusTestResource(RealServersResource.class)
class ReportPageNavigationTest {

    static final String HOSTILE = "<script>alert(1)</script>";
    static final String STREAM = "nav:events";
    static final String TOPIC = "nav.events";
    static final Duration WAIT = Duration.ofSeconds(20);

    private static RedisFixtures redis;
    private static KafkaFixtures kafka;
    private static HeadlessChromium chromium;

    @TestHTTPResource("/")
    URL page;

    @BeforeAll
    static void build() {
        redis = new RedisFixtures(TestServers.redis().url());
        kafka = new KafkaFixtures(TestServers.kafka());
        redis.addEntries(HOSTILE, 5);
        redis.createGroup(HOSTILE, "readers", "0");
        redis.addEntries(STREAM, 5);
        kafka.createTopic(TOPIC, 1);
        kafka.produce(TOPIC, 0, 5);
        kafka.commit("nav-group", Map.of(new TopicPartition(TOPIC, 0), 2L));
        chromium = HeadlessChromium.start(1400, 1000);
    }

    @AfterAll
    static void cleanUp() {
        if (chromium != null) {
            chromium.close();
        }
        redis.call("DEL", HOSTILE, STREAM);
        redis.close();
        kafka.close();
    }

    private void open(String hash) {
        // The workloads are listed once their first poll is evaluated.
        await().atMost(WAIT).until(() -> RestAssured.given().get("/api/v1/workloads?q=nav.events").jsonPath().getList("name").contains(TOPIC)
                && RestAssured.given().get("/api/v1/workloads?q=alert(1)").jsonPath().getList("name").contains(HOSTILE));
        chromium.navigate("about:blank");
        chromium.navigate(page + hash);
    }

    /** system/name of every card in the list, once the list answered. */
    private List<String> listed() {
        JsonNode cards = chromium.evaluate("[...document.querySelectorAll('#workload-list article.card')]"
                + ".map(c => c.dataset.system + '/' + c.querySelector('.name.workload').textContent)");
        return java.util.stream.StreamSupport.stream(cards.spliterator(), false).map(JsonNode::asText).toList();
    }

    private void choose(String select, String value) {
        chromium.evaluate("(() => { const s = document.getElementById('" + select + "'); s.value = " + quoted(value) + ";"
                + " s.dispatchEvent(new Event('change')); })()");
    }

    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void filtersChangeWhatIsShownAndTheAddress() {
        open("");
        chromium.waitFor("document.querySelector('#workload-list article.card')", WAIT, "the first card");
        choose("filter-system", "kafka");
        chromium.waitFor("[...document.querySelectorAll('#workload-list article.card')].every(c => c.dataset.system === 'kafka')"
                + " && document.querySelector('#workload-list article.card')", WAIT, "kafka cards only");
        assertTrue(listed().contains("kafka/" + TOPIC), listed().toString());
        assertTrue(chromium.evaluate("location.hash").asText().contains("system=kafka"), "the filter is in the address");

        choose("filter-system", "");
        chromium.evaluate("(() => { const q = document.getElementById('filter-q'); q.value = " + quoted(HOSTILE) + ";"
                + " q.dispatchEvent(new Event('input')); })()");
        chromium.waitFor("document.querySelectorAll('#workload-list article.card').length === 1"
                + " && document.querySelector('#workload-list .name.workload').textContent === " + quoted(HOSTILE), WAIT, "the one matching card");
        assertEquals(List.of("redis/" + HOSTILE), listed());
        String range = chromium.evaluate("document.getElementById('workload-range').textContent").asText();
        assertEquals("Showing 1–1 of 1 workloads (page 1 of 1)", range);

        // A filter link, as the dashboards' links open it.
        open("#/workloads?system=redis&q=nav:");
        chromium.waitFor("document.querySelector('#workload-list article.card')", WAIT, "the filtered list");
        assertEquals(List.of("redis/" + STREAM), listed());
        assertEquals("redis", chromium.evaluate("document.getElementById('filter-system').value").asText(), "the controls show the link's filters");
    }

    @Test
    void aLinkOpensTheRightCardInEitherForm() {
        for (String link : List.of("#" + ReportLinks.workloadPath("redis", "main", HOSTILE),
                "#workload/redis/main/" + ReportLinks.workloadPath("redis", "main", HOSTILE).substring("/workloads/redis/main/".length()))) {
            open(link);
            JsonNode card = chromium.waitFor("(() => { const c = document.querySelector('#linked-workload[data-charts=\"drawn\"]');"
                    + " return c && { name: c.querySelector('.name.workload').textContent, system: c.dataset.system, target: c.dataset.target,"
                    + " expanded: c.querySelector('.card-toggle').getAttribute('aria-expanded'),"
                    + " focused: document.activeElement === c.querySelector('.card-toggle'),"
                    + " charts: c.querySelectorAll('figure.chart canvas').length }; })()", WAIT, "the linked card, " + link);
            assertEquals(HOSTILE, card.get("name").asText(), link);
            assertEquals("redis", card.get("system").asText());
            assertEquals("main", card.get("target").asText());
            assertEquals("true", card.get("expanded").asText(), "opened: " + link);
            assertTrue(card.get("focused").asBoolean(), "focus on the card's button, for the keyboard: " + link);
            assertTrue(card.get("charts").asInt() >= 5, "its charts drawn: " + card);
        }
    }

    @Test
    void aFindingsLinkFiltersTheFindings() {
        open("#/findings?severity=critical");
        JsonNode rows = chromium.waitFor("(() => { const rows = [...document.querySelectorAll('#findings tr.finding')];"
                + " return rows.length && rows.map(r => r.dataset.severity + ' ' + r.dataset.rule + ' ' + r.dataset.target); })()",
                WAIT, "critical findings");
        rows.forEach(r -> assertTrue(r.asText().startsWith("critical "), rows.toString()));
        assertTrue(rows.toString().contains("critical target.down down"), "redis/down is down: " + rows);
        assertEquals("critical", chromium.evaluate("document.getElementById('finding-severity').value").asText());
    }

    @Test
    void aHostileNameShowsAsText() {
        open("#/workloads?q=" + java.net.URLEncoder.encode(HOSTILE, StandardCharsets.UTF_8));
        chromium.waitFor("document.querySelector('#workload-list .name.workload')", WAIT, "the card");
        JsonNode page = chromium.evaluate("({ title: document.title, scripts: document.querySelectorAll('main script').length,"
                + " names: [...document.querySelectorAll('.name.workload')].map(n => n.textContent) })");
        assertEquals("StreamFit", page.get("title").asText());
        assertEquals(0, page.get("scripts").asInt(), "no script element made from a name");
        assertTrue(java.util.stream.StreamSupport.stream(page.get("names").spliterator(), false).anyMatch(n -> HOSTILE.equals(n.asText())),
                "the name as text: " + page);
        assertEquals(List.of(), chromium.dialogs(), "no alert opened");
        assertEquals(List.of(), chromium.pageErrors());
    }

    @Test
    void theKeyboardReachesAndOpensACard() {
        open("#/workloads?q=nav:events&system=redis");
        chromium.waitFor("document.querySelector('#workload-list article.card')", WAIT, "the card");
        chromium.evaluate("document.activeElement && document.activeElement.blur()");
        int presses = 0;
        while (!chromium.evaluate("document.activeElement.classList.contains('card-toggle')").asBoolean()) {
            chromium.press("Tab");
            assertTrue(++presses < 80, "Tab never reached the card's button");
        }
        chromium.press("Enter");
        chromium.waitFor("document.querySelector('#workload-list article.card.open[data-charts=\"drawn\"]')", WAIT, "the card opened by Enter");
        assertEquals("true", chromium.evaluate("document.activeElement.getAttribute('aria-expanded')").asText());
    }

    @Test
    void textAndChartColoursPassWcagAaContrastInLightAndDarkMode() throws IOException {
        String contrast;
        try (InputStream in = getClass().getResourceAsStream("/page/contrast.js")) {
            contrast = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String scheme : List.of("light", "dark")) {
            chromium.colorScheme(scheme);
            try {
                open("#" + ReportLinks.workloadPath("kafka", "main", TOPIC));
                chromium.waitFor("document.querySelector('#linked-workload[data-charts=\"drawn\"]')", WAIT, "the linked card");
                chromium.evaluate("document.getElementById('servers').scrollIntoView()");
                chromium.waitFor("document.querySelector('#servers figure.chart canvas')", WAIT, "a server's chart");
                JsonNode failures = chromium.evaluate(contrast);
                assertEquals(0, failures.size(), scheme + " mode: " + failures.toPrettyString());
            } finally {
                chromium.colorScheme("light");
            }
        }
    }
}
