package dev.streamfit.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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
import io.restassured.path.json.JsonPath;

/**
 * The report page's charts in a real headless Chromium against the running app and real Redis and
 * Kafka: a stream with three groups, growing, one group rewound, drawn with one point per sample its
 * history holds; a topic's charts; a server's memory with its projection; screenshots for the README.
 */
@QuarkusTest
@QuarkusTestResource(RealServersResource.class)
class ReportPageChartsTest {

    static final String STREAM = "charts:orders";
    static final String TOPIC = "charts.payments";
    static final List<String> GROUPS = List.of("analytics", "billing", "shipping");
    static final Duration WAIT = Duration.ofSeconds(20);

    private static RedisFixtures redis;
    private static KafkaFixtures kafka;
    private static HeadlessChromium chromium;

    @TestHTTPResource("/")
    URL page;

    @BeforeAll
    static void build() throws InterruptedException {
        redis = new RedisFixtures(TestServers.redis().url());
        kafka = new KafkaFixtures(TestServers.kafka());
        redis.addEntries(STREAM, 30);
        GROUPS.forEach(g -> redis.createGroup(STREAM, g, "0"));
        redis.readGroup(STREAM, "billing", "b1", 25);
        redis.readGroup(STREAM, "shipping", "s1", 10);
        redis.readGroup(STREAM, "analytics", "a1", 20);
        kafka.createTopic(TOPIC, 3);
        kafka.commit("charts-ledger", Map.of(new TopicPartition(TOPIC, 0), 0L, new TopicPartition(TOPIC, 1), 0L, new TopicPartition(TOPIC, 2), 0L));
        // A few polls of growth: the stream and the topic gain records, the groups fall behind, then analytics rewinds.
        for (int second = 0; second < 8; second++) {
            redis.addEntries(STREAM, 5);
            kafka.produce(Map.of(new TopicPartition(TOPIC, second % 3), 20));
            if (second == 5) {
                redis.call("XGROUP", "SETID", STREAM, "analytics", "0");
            }
            Thread.sleep(1000);
        }
        chromium = HeadlessChromium.start(1400, 1000);
    }

    @AfterAll
    static void cleanUp() {
        if (chromium != null) {
            chromium.close();
        }
        redis.call("DEL", STREAM);
        redis.close();
        kafka.close();
    }

    static String historyPath(String system, String name) {
        return "/api/v1" + ReportLinks.workloadPath(system, "main", name) + "/history";
    }

    static JsonPath history(String system, String name) {
        return given().urlEncodingEnabled(false).get(historyPath(system, name)).then().statusCode(200).extract().jsonPath();
    }

    /** The times a chart joins from its series: the workload's own, or every group's. */
    static List<Long> chartTimes(JsonPath history, String chart) {
        TreeSet<Long> times = new TreeSet<>();
        boolean groupChart = chart.startsWith("lag") || chart.equals("pending");
        String own = history.getString("system").equals("redis") ? "stream" : "topic";
        List<String> paths = new ArrayList<>();
        if (groupChart) {
            for (int g = 0; g < history.getList("groups").size(); g++) {
                paths.add("groups[" + g + "].time");
            }
        } else {
            paths.add(own + ".time");
        }
        for (String path : paths) {
            history.getList(path, Long.class).forEach(times::add);
        }
        return List.copyOf(times);
    }

    /** Opens the workload's card by its link and waits until every chart is drawn. */
    private JsonNode openByLink(String system, String name) {
        chromium.navigate("about:blank");
        chromium.forgetResponses();
        chromium.navigate(page + "#" + ReportLinks.workloadPath(system, "main", name));
        chromium.waitFor("document.querySelector('#linked-workload[data-charts=\"drawn\"]')", WAIT, "the linked card's charts");
        return chromium.evaluate("[...document.querySelectorAll('#linked-workload figure.chart')].map(f => ({"
                + " chart: f.dataset.chart, points: Number(f.dataset.points), caption: f.querySelector('figcaption').textContent,"
                + " x: f.uplot ? f.uplot.data[0].map(s => Math.round(s * 1000)) : null,"
                + " series: f.uplot ? f.uplot.series.slice(1).map(s => s.label) : null,"
                + " width: f.querySelector('canvas') ? f.querySelector('canvas').width : 0 }))");
    }

    @Test
    void aStreamsChartsHaveAPointPerSampleOfItsHistoryAndMarkTheRewind() {
        await().atMost(WAIT).until(() -> history("redis", STREAM).getList("groups.rewinds.flatten()").size() > 0);
        JsonNode charts = openByLink("redis", STREAM);
        // Exactly the history the page was given (polls go on meanwhile), checked against what was written.
        // The linked card and, as the stream outgrew Redis, its open card in the list each fetched it.
        List<JsonPath> answers = chromium.responseBodies(historyPath("redis", STREAM)).stream().map(JsonPath::new).toList();
        assertTrue(!answers.isEmpty() && answers.size() <= 2, "the history fetched once per open card: " + answers.size());
        for (JsonPath given : answers) {
            assertEquals(70, given.getLong("stream.length[-1]"), "30 entries, then 8 × 5");
            assertEquals(GROUPS, given.getList("groups.group"));
        }

        List<String> drawn = new ArrayList<>();
        charts.forEach(c -> drawn.add(c.get("chart").asText()));
        assertEquals(List.of("length", "writes", "memory", "lag", "lag-seconds", "pending"), drawn, "the stream's charts, in order");
        for (JsonNode chart : charts) {
            String name = chart.get("chart").asText();
            List<Long> x = new ArrayList<>();
            chart.get("x").forEach(t -> x.add(t.asLong()));
            assertTrue(answers.stream().anyMatch(given -> chartTimes(given, name).equals(x)),
                    name + ": a point at each sample time of the history the page was given: " + x);
            assertEquals(x.size(), chart.get("points").asInt(), name + ": one point per sample");
            assertTrue(x.size() >= 4, name + ": eight seconds of polls, a sample per 2 s bucket: " + x.size());
            assertTrue(chart.get("width").asInt() > 200, name + " drawn on a canvas: " + chart);
            assertTrue(chart.get("caption").asText().contains("(latest)"), "a text alternative with the latest value: " + chart);
            if (name.startsWith("lag") || name.equals("pending")) {
                List<String> series = new ArrayList<>();
                chart.get("series").forEach(s -> series.add(s.asText()));
                assertEquals(GROUPS, series, name + ": a line per group");
                assertTrue(chart.get("caption").asText().contains("group analytics rewound from "), "the rewind is marked: " + chart);
            }
        }
        String length = charts.get(0).get("caption").asText();
        assertTrue(length.contains("length 70 entries (latest), rising from"), "30 entries, then 8 × 5: " + length);
    }

    @Test
    void aTopicsChartsShowItsWritesRetentionAndGroupLag() {
        await().atMost(WAIT).until(() -> history("kafka", TOPIC).getList("groups").size() == 1
                && history("kafka", TOPIC).getList("topic.time").size() >= 4);
        JsonNode charts = openByLink("kafka", TOPIC);
        List<String> drawn = new ArrayList<>();
        charts.forEach(c -> drawn.add(c.get("chart").asText()));
        assertEquals(List.of("writes", "retained-records", "retained-bytes", "lag", "lag-seconds"), drawn);
        assertTrue(charts.get(1).get("caption").asText().contains("retained 160 records (latest)"), charts.get(1).toString());
        assertTrue(charts.get(3).get("caption").asText().contains("charts-ledger 160 records (latest)"), "lag summed over 3 partitions: "
                + charts.get(3));
    }

    @Test
    void aRedisServersMemoryIsDrawnAgainstItsLimitWithTheProjection() {
        chromium.navigate("about:blank");
        chromium.navigate(page.toString());
        // Loaded once on screen.
        chromium.waitFor("document.querySelector('#servers .server-target[data-target=\"main\"]')", WAIT, "the panel of redis/main");
        chromium.evaluate("document.querySelector('#servers .server-target[data-target=\"main\"]').scrollIntoView()");
        JsonNode server = chromium.waitFor("(() => { const f = document.querySelector('#servers .server-target[data-target=\"main\"] figure.chart');"
                + " return f && f.uplot ? { caption: f.querySelector('figcaption').textContent, series: f.uplot.series.slice(1).map(s => s.label),"
                + " points: Number(f.dataset.points) } : null; })()", WAIT, "the memory chart of redis/main");
        List<String> series = new ArrayList<>();
        server.get("series").forEach(s -> series.add(s.asText()));
        assertEquals("used_memory", series.get(0));
        assertTrue(series.contains("projected"), "the projection from the last poll: " + series);
        String caption = server.get("caption").asText();
        assertTrue(caption.startsWith("Used memory of 127.0.0.1:" + TestServers.redis().port() + " (bytes)"), caption);
        assertTrue(caption.contains("used_memory ") && caption.contains("(latest)"), caption);
        // The test Redis runs without maxmemory: the caption says so rather than a time to a limit.
        assertTrue(caption.contains("no maxmemory set") || caption.contains("maxmemory"), caption);
        assertTrue(server.get("points").asInt() >= 2, server.toString());
    }

    @Test
    void screenshotsOfTheOverviewAndAnOpenedCard() throws IOException {
        // The page as it opens on a tall screen: the stream outgrew Redis, so its card is open with its charts.
        Path target = Path.of("target");
        chromium.viewport(1400, 2600);
        try {
            chromium.navigate("about:blank");
            chromium.navigate(page.toString());
            chromium.waitFor("document.querySelector('#workload-list article.card.open[data-charts=\"drawn\"]')"
                    + " && document.querySelector('#servers figure.chart canvas')", WAIT, "an open card's charts");
            Files.write(target.resolve("report-overview.png"), chromium.screenshotTop(2600));
        } finally {
            chromium.viewport(1400, 1000);
        }
        openByLink("redis", STREAM);
        Files.write(target.resolve("report-card.png"), chromium.screenshot("#linked-workload"));
        chromium.colorScheme("dark");
        try {
            openByLink("redis", STREAM);
            Files.write(target.resolve("report-card-dark.png"), chromium.screenshot("#linked-workload"));
        } finally {
            chromium.colorScheme("light");
        }
        for (String file : List.of("report-overview.png", "report-card.png", "report-card-dark.png")) {
            byte[] png = Files.readAllBytes(target.resolve(file));
            assertTrue(png.length > 10_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', file + " is a PNG with content");
        }
    }
}
