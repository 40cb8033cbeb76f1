package dev.streamfit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Prometheus (Debian package {@code prometheus}) on a free port with a fresh TSDB, scraping
 * one job every second. Its log goes to target/test-servers/.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/prometheus");
    public static final String JOB = "streamfit";
    /** The Accept header Prometheus 2.5x and 3.x send when they scrape. */
    public static final String SCRAPE_ACCEPT = "application/openmetrics-text;version=1.0.0;q=0.5,"
            + "application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

    private final int port;
    private final Path dir;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    private PrometheusServer(String scrapeTarget) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install the Debian package 'prometheus' (scripts/test does)");
        }
        this.port = FreePorts.next();
        this.dir = ServerLogs.tempDir("streamfit-prometheus-");
        Path log = ServerLogs.logFile("prometheus-" + port + ".log");
        try {
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, String.join("\n",
                    "global:",
                    "  scrape_interval: 1s",
                    "  evaluation_interval: 1s",
                    "scrape_configs:",
                    "  - job_name: " + JOB,
                    "    metrics_path: /q/metrics",
                    "    static_configs:",
                    "      - targets: ['" + scrapeTarget + "']",
                    ""));
            this.process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start prometheus", e);
        }
    }

    /** Starts Prometheus scraping {@code host:port}/q/metrics every second. */
    public static PrometheusServer scraping(String hostAndPort) {
        return new PrometheusServer(hostAndPort);
    }

    /** True once the scrape target's last scrape succeeded ({@code /api/v1/targets} says "up"). */
    public boolean targetUp() {
        JsonNode targets = get("/api/v1/targets").path("data").path("activeTargets");
        for (JsonNode target : targets) {
            if (JOB.equals(target.path("labels").path("job").asText()) && "up".equals(target.path("health").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The result of an instant query: the {@code data} of the answer; throws with Prometheus' error when the query is invalid. */
    public JsonNode query(String promql) {
        JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(answer.path("status").asText())) {
            throw new InvalidQueryException(promql + ": " + answer.path("errorType").asText() + ": " + answer.path("error").asText());
        }
        return answer.path("data");
    }

    /** The series names Prometheus holds. */
    public List<String> metricNames() {
        JsonNode names = get("/api/v1/label/__name__/values").path("data");
        return json.convertValue(names, json.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return json.readTree(reply.body());
        } catch (IOException e) {
            // Not listening yet, or a reply that is not JSON: the caller waits and asks again.
            return json.createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, 10);
        ServerLogs.deleteRecursively(dir);
    }

    /** Prometheus refused the query (bad_data): it is not valid PromQL. */
    public static final class InvalidQueryException extends RuntimeException {

        InvalidQueryException(String message) {
            super(message);
        }
    }
}
