package dev.streamfit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Alertmanager (Debian {@code prometheus-alertmanager}) on a free port, sending every alert to
 * one webhook receiver at once: no gossip ({@code --cluster.listen-address=} empty, else the first
 * notification waits for the cluster to settle), a fresh {@code --storage.path} (an old notification
 * log would deduplicate), grouping waits of one second. Its log goes to target/test-servers/.
 */
public final class AlertmanagerServer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    private final int port;
    private final Path dir;
    private final Path log;
    private final Process process;

    private AlertmanagerServer(String webhookUrl) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install the Debian package 'prometheus-alertmanager' "
                    + "(apt-get install -y prometheus-alertmanager), or run scripts/test, which does");
        }
        this.port = FreePorts.next();
        this.dir = ServerLogs.tempDir("streamfit-alertmanager-");
        this.log = ServerLogs.logFile("alertmanager-" + port + ".log");
        try {
            Path config = dir.resolve("alertmanager.yml");
            Files.writeString(config, String.join("\n",
                    "route:",
                    "  receiver: receiver",
                    "  group_by: ['alertname', 'system', 'target', 'workload', 'group']",
                    "  group_wait: 1s",
                    "  group_interval: 1s",
                    "  repeat_interval: 1h",
                    "receivers:",
                    "  - name: receiver",
                    "    webhook_configs:",
                    "      - url: '" + webhookUrl + "'",
                    "        send_resolved: true",
                    ""));
            this.process = new ProcessBuilder(List.of(BINARY.toString(), "--config.file=" + config,
                    "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--web.external-url=" + url(), "--cluster.listen-address="))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start prometheus-alertmanager", e);
        }
        awaitReady(Duration.ofSeconds(30));
    }

    public static AlertmanagerServer start(String webhookUrl) {
        return new AlertmanagerServer(webhookUrl);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code GET /api/v2/alerts}: the alerts Alertmanager holds, as JSON text. */
    public String alerts() {
        return get("/api/v2/alerts");
    }

    private String get(String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("alertmanager exited:\n" + ServerLogs.tail(log, 20));
            }
            if (get("/-/ready") != null) {
                return;
            }
            RedisServer.sleep(100);
        }
        close();
        throw new IllegalStateException("alertmanager not ready within " + timeout + ":\n" + ServerLogs.tail(log, 20));
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, 10);
        ServerLogs.deleteRecursively(dir);
    }
}
