package dev.streamfit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.streamfit.support.ChildProcesses;
import dev.streamfit.support.FreePorts;
import dev.streamfit.support.RedisServer;
import dev.streamfit.support.ServerLogs;

/**
 * Debian's {@code prometheus-redis-exporter -check-streams <glob>}, the tool StreamFit is compared
 * with on Redis: its own process on a free port, scraped over HTTP as Prometheus would. A scrape's
 * time is the whole {@code GET /metrics} (the exporter collects on each scrape).
 */
final class RedisExporter implements AutoCloseable {

    static final String BINARY = "/usr/bin/prometheus-redis-exporter";
    private static final Duration SCRAPE_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern STREAM_LABEL = Pattern.compile("stream=\"([^\"]*)\"");

    /** One scrape: its time, how many streams its {@code redis_stream_length} covered, and its own error metric. */
    record Scrape(double millis, int streams, long bytes, String scrapeError) {
    }

    private final Process process;
    private final URI metrics;
    private final List<String> command;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private RedisExporter(int redisPort, String glob) throws IOException {
        int port = FreePorts.next();
        this.metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
        this.command = List.of(BINARY, "-redis.addr", "redis://127.0.0.1:" + redisPort, "-web.listen-address", "127.0.0.1:" + port,
                "-check-streams", glob);
        Path log = ServerLogs.logFile("redis-exporter-" + port + ".log");
        this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** Starts the exporter and waits until it answers (its first scrape, which is not one of the measured ones). */
    static RedisExporter start(int redisPort, String glob) {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install -y prometheus-redis-exporter "
                    + "(scripts/bench-redis does it for you)");
        }
        RedisExporter exporter;
        try {
            exporter = new RedisExporter(redisPort, glob);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                exporter.scrape();
                return exporter;
            } catch (RuntimeException e) {
                if (!exporter.process.isAlive() || System.nanoTime() > deadline) {
                    exporter.close();
                    throw new IllegalStateException("prometheus-redis-exporter did not answer on " + exporter.metrics, e);
                }
                RedisServer.sleep(100);
            }
        }
    }

    /** "Redis Metrics Exporter 1.45.0-2+b4" → "1.45.0-2+b4". */
    static String version() {
        Matcher m = Pattern.compile("Redis Metrics Exporter\\s+(\\S+)").matcher(Machine.commandOutput(List.of(BINARY, "-version"), 10));
        return m.find() ? m.group(1) : "unknown";
    }

    /** The command line, for the report. */
    String command() {
        return String.join(" ", command).replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:<port>");
    }

    Scrape scrape() {
        HttpRequest request = HttpRequest.newBuilder(metrics).timeout(SCRAPE_TIMEOUT).GET().build();
        long start = System.nanoTime();
        String body;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + metrics + " answered " + response.statusCode());
            }
            body = response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        double millis = (System.nanoTime() - start) / 1e6;
        Set<String> streams = new HashSet<>();
        String error = null;
        for (String line : body.split("\n")) {
            if (line.startsWith("redis_stream_length{")) {
                Matcher m = STREAM_LABEL.matcher(line);
                if (m.find()) {
                    streams.add(m.group(1));
                }
            } else if (line.startsWith("redis_exporter_last_scrape_error{") && !line.endsWith(" 0")) {
                error = line;
            }
        }
        return new Scrape(millis, streams.size(), body.length(), error);
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, 10);
    }
}
