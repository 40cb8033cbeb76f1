package dev.streamfit.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.streamfit.alerting.ReportLinks;

import dev.streamfit.support.RealServersResource;
import dev.streamfit.support.RedisFixtures;
import dev.streamfit.support.TestServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The report page at {@code /}, rendered by a real headless Chromium against the running app: what an
 * operator sees after the page's scripts ran, read from the DOM Chromium dumps.
 */
@QuarkusTest
@QuarkusTestResource(RealServersResource.class)
class ReportPageTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Markup, quotes, an ampersand and non-ASCII text: the page must show it as text, never as HTML. */
    static final String STREAM = "page:<b>bold</b> & \"q\" <script>document.title='pwned'</script> \u00fcn\u00ef\u2192\u2713";
    static final Duration CHROMIUM_LIMIT = Duration.ofSeconds(30);

    private static RedisFixtures redis;

    @TestHTTPResource("/")
    URL page;

    @BeforeAll
    static void buildStream() {
        redis = new RedisFixtures(TestServers.redis().url());
        // A group that lost entries to a trim: the finding redis.group.fell-off-trim names the stream.
        redis.addEntries(STREAM, 20);
        redis.createGroup(STREAM, "page-readers", "0");
        redis.readGroup(STREAM, "page-readers", "w1", 5);
        redis.call("XTRIM", STREAM, "MAXLEN", 5);
    }

    @AfterAll
    static void removeStream() {
        redis.call("DEL", STREAM);
        redis.close();
    }

    @Test
    void thePageRendersTargetsFindingsAndWorkloadsWithNamesAsText() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> streams = list("/api/v1/redis/main/streams");
            assertTrue(streams.stream().anyMatch(s -> STREAM.equals(s.get("stream"))), "stream not listed yet");
            List<Map<String, Object>> targets = list("/api/v1/targets");
            assertEquals(Boolean.TRUE, target(targets, "redis", "main").get("up"));
            assertEquals(Boolean.TRUE, target(targets, "kafka", "main").get("up"));
            assertEquals(Boolean.FALSE, target(targets, "redis", "down").get("up"));
            List<Map<String, Object>> findings = list("/api/v1/findings");
            assertTrue(findings.stream().anyMatch(f -> "target.down".equals(f.get("rule")) && "redis".equals(f.get("system"))
                    && "down".equals(f.get("target"))), "no target.down finding for redis/down yet");
            assertTrue(findings.stream().anyMatch(f -> "redis.group.fell-off-trim".equals(f.get("rule")) && STREAM.equals(f.get("workload"))),
                    "no redis.group.fell-off-trim finding for the stream yet");
        });
        // The page shows the first page of the list, 50 workloads, in the API's order.
        Response workloadsBefore = given().get("/api/v1/workloads?limit=50");

        String dom = render();
        // Kept for whoever reads a failure: the page as Chromium saw it.
        if (Files.isDirectory(Path.of("target"))) {
            Files.writeString(Path.of("target", "report-page-dom.html"), dom, StandardCharsets.UTF_8);
        }

        Response workloadsAfter = given().get("/api/v1/workloads?limit=50");

        assertTrue(dom.contains("<title>StreamFit</title>"), "the title stays StreamFit: no injected script ran\n" + dom);
        assertFalse(dom.contains("<b>bold</b>"), "the stream name must not become a <b> element");
        assertFalse(dom.contains("<script>document.title"), "the stream name must not become a <script> element");

        String targets = section(dom, "targets");
        assertTargetRow(targets, "redis", "main", "up", "UP");
        assertTargetRow(targets, "kafka", "main", "up", "UP");
        assertTargetRow(targets, "redis", "down", "down", "DOWN");

        String findings = section(dom, "findings");
        Map<String, String> down = rows(findings).stream()
                .filter(r -> "target.down".equals(r.get("data-rule")) && "redis".equals(r.get("data-system")) && "down".equals(r.get("data-target")))
                .findFirst().orElseThrow(() -> new AssertionError("no target.down row for redis/down in\n" + findings));
        assertTrue(down.get("content").contains("target.down"), down.get("content"));
        assertTrue(findings.contains(textEscaped(STREAM)), "the stream name shows escaped as text in the findings:\n" + findings);
        assertTrue(findings.contains("&lt;b&gt;bold&lt;/b&gt;"), findings);

        String workloads = section(dom, "workloads");
        assertEquals(200, workloadsBefore.statusCode(), workloadsBefore.asString());
        List<String> cards = cards(workloads);
        List<Map<String, Object>> listed = stable(workloadsBefore.jsonPath().getList("$"), workloadsAfter.jsonPath().getList("$"));
        assertFalse(listed.isEmpty(), "workloads to look for: the test's own stream at least");
        for (Map<String, Object> w : listed) {
            String name = textEscaped(String.valueOf(w.get("name")));
            String verdict = String.valueOf(w.get("verdict"));
            // The card's link is where alerts link to (generatorURL).
            String link = "#" + ReportLinks.workloadPath(String.valueOf(w.get("system")), String.valueOf(w.get("target")), String.valueOf(w.get("name")));
            assertTrue(cards.stream().anyMatch(c -> c.contains("class=\"name workload\">" + name + "<")
                    && c.contains("data-verdict=\"" + verdict + "\"") && c.contains(">" + verdict + "<") && c.contains("data-link=\"" + link + "\"")),
                    "workload " + w.get("system") + "/" + w.get("target") + "/" + w.get("name") + " with verdict " + verdict
                            + " is on the page:\n" + workloads);
        }
    }

    private static List<Map<String, Object>> list(String path) {
        return given().get(path).then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static Map<String, Object> target(List<Map<String, Object>> targets, String system, String name) {
        return targets.stream().filter(t -> system.equals(t.get("system")) && name.equals(t.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no target " + system + "/" + name + " in " + targets));
    }

    /** Runs headless Chromium on the page and returns the DOM after its scripts ran. */
    private String render() throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM)) {
            fail(CHROMIUM + " is missing: install the Debian package chromium (apt-get install -y chromium)");
        }
        Path home = Files.createTempDirectory("streamfit-chromium-home");
        Path profile = Files.createTempDirectory("streamfit-chromium-profile");
        Path stderr = home.resolve("chromium.stderr");
        try {
            ProcessBuilder builder = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                    "--no-first-run", "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom", page.toString())
                    .redirectError(stderr.toFile());
            builder.environment().put("HOME", home.toString());
            long started = System.nanoTime();
            Process chromium = builder.start();
            chromium.getOutputStream().close();
            // Read stdout while Chromium runs so that a large DOM never blocks it on a full pipe.
            var out = new java.io.ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try (var in = chromium.getInputStream()) {
                    in.transferTo(out);
                } catch (IOException ignored) {
                    // the process was killed
                }
            });
            reader.start();
            if (!chromium.waitFor(CHROMIUM_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                chromium.descendants().forEach(ProcessHandle::destroyForcibly);
                chromium.destroyForcibly();
                fail("Chromium did not finish within " + CHROMIUM_LIMIT + "; its stderr:\n" + tail(stderr));
            }
            reader.join(5000);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.println("ReportPageTest: Chromium rendered " + page + " in " + took.toMillis() + " ms");
            String dom = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, chromium.exitValue(), "Chromium failed; its stderr:\n" + tail(stderr));
            assertTrue(dom.contains("</html>"), "no DOM dumped; Chromium's stderr:\n" + tail(stderr));
            return dom;
        } finally {
            deleteTree(profile);
            deleteTree(home);
        }
    }

    private static void assertTargetRow(String targets, String system, String name, String state, String label) {
        Map<String, String> row = rows(targets).stream()
                .filter(r -> system.equals(r.get("data-system")) && name.equals(r.get("data-target")))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + system + "/" + name + " in\n" + targets));
        assertEquals(state, row.get("data-state"), system + "/" + name + ": " + row.get("content"));
        assertTrue(row.get("content").contains(">" + label + "<"), system + "/" + name + " shows " + label + ": " + row.get("content"));
    }

    /** The serialized content of {@code <section id="...">}. */
    private static String section(String dom, String id) {
        Matcher start = Pattern.compile("<section[^>]*\\sid=\"" + id + "\"[^>]*>").matcher(dom);
        assertTrue(start.find(), "no section " + id + " in\n" + dom);
        int end = dom.indexOf("</section>", start.end());
        assertTrue(end > 0, "section " + id + " is not closed");
        return dom.substring(start.end(), end);
    }

    private static final Pattern ROW = Pattern.compile("<tr(\\s[^>]*)?>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");

    /** Every table row: its attributes (entity-decoded) and its inner HTML under "content". */
    private static List<Map<String, String>> rows(String html) {
        List<Map<String, String>> rows = new ArrayList<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            if (row.group(1) != null) {
                Matcher a = ATTRIBUTE.matcher(row.group(1));
                while (a.find()) {
                    attributes.put(a.group(1), attributeDecoded(a.group(2)));
                }
            }
            attributes.put("content", row.group(2));
            rows.add(attributes);
        }
        return rows;
    }

    /** Every workload card's serialized HTML, its opening tag included. */
    private static List<String> cards(String workloads) {
        List<String> cards = new ArrayList<>();
        Matcher card = Pattern.compile("<article[^>]*>.*?</article>", Pattern.DOTALL).matcher(workloads);
        while (card.find()) {
            cards.add(card.group());
        }
        return cards;
    }

    /** Workloads listed with the same verdict before and after the page was rendered. */
    private static List<Map<String, Object>> stable(List<Map<String, Object>> before, List<Map<String, Object>> after) {
        return before.stream().filter(b -> after.stream().anyMatch(a -> same(a, b, "system") && same(a, b, "target")
                && same(a, b, "name") && same(a, b, "verdict"))).toList();
    }

    private static boolean same(Map<String, Object> a, Map<String, Object> b, String key) {
        return String.valueOf(a.get(key)).equals(String.valueOf(b.get(key)));
    }

    /** How the HTML serializer writes a text node. */
    static String textEscaped(String text) {
        return text.replace("&", "&amp;").replace("\u00a0", "&nbsp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String attributeDecoded(String value) {
        return value.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0")
                .replace("&amp;", "&");
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }

    /** Best effort: a Chromium helper process may still be closing files in the profile. */
    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            System.out.println("ReportPageTest: could not delete " + root + ": " + e);
        }
    }
}
