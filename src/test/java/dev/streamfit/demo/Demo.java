package dev.streamfit.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.streamfit.support.FreePorts;
import dev.streamfit.support.KafkaBroker;
import dev.streamfit.support.PackagedApp;
import dev.streamfit.support.Redis62Server;
import dev.streamfit.support.RedisFixtures;
import dev.streamfit.support.RedisServer;

/**
 * {@code scripts/demo}: a local Redis (persistence on) and a single-node Kafka broker, the four
 * workloads of {@link DemoTraffic} with their traffic, and the packaged StreamFit watching both with a
 * short observation window, on port 8080 if it is free. Ctrl-C stops all of it.
 *
 * <p>{@code --check}: starts everything, waits until StreamFit sees both targets up with the four
 * workloads and their groups, prints what it reports and the verdicts of {@code /api/v1/workloads},
 * stops everything and exits 0; 1 when StreamFit did not report the workloads in time.
 */
public final class Demo {

    /**
     * The {@code streamfit.*} settings of the demo besides its two targets: polls and verdicts fast
     * enough to watch. The app refuses keys it does not know, so only keys of StreamFitConfig belong
     * here.
     */
    static final List<String> SETTINGS = List.of(
            "streamfit.poll-interval=5s",
            "streamfit.advisor.window=2m",
            "streamfit.advisor.min-observation=20s",
            "streamfit.advisor.stable-evaluations=2",
            "streamfit.alerts.for=0s");

    static final String TARGET = "demo";
    static final int PREFERRED_PORT = 8080;
    static final Duration APP_START_TIMEOUT = Duration.ofSeconds(90);
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(90);
    static final Duration VERDICT_TIMEOUT = Duration.ofSeconds(150);

    // Kept referenced: java.util.logging forgets levels of loggers that are collected.
    private static final List<Logger> QUIET_LOGGERS = new ArrayList<>();

    private final long startNanos = System.nanoTime();
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final CountDownLatch runEnded = new CountDownLatch(1);
    private volatile boolean stopping;
    private PackagedApp app;
    private String baseUrl;

    private Demo() {
    }

    public static void main(String[] args) {
        boolean check = false;
        for (String arg : args) {
            if (arg.equals("--check")) {
                check = true;
            } else {
                System.err.println("usage: scripts/demo [--check]");
                System.exit(2);
            }
        }
        quietClientLogs();
        Demo demo = new Demo();
        Runtime.getRuntime().addShutdownHook(new Thread(demo::stop, "demo-stop"));
        int exit;
        try {
            exit = demo.run(check);
        } catch (Exception e) {
            if (demo.stopping) {
                return; // Ctrl-C during start-up: the shutdown hook stops what was started
            }
            System.err.println("demo: " + e.getMessage());
            exit = 1;
        } finally {
            demo.runEnded.countDown();
        }
        if (!demo.stopping) {
            demo.stop();
            System.exit(exit);
        }
    }

    private int run(boolean check) throws Exception {
        String redisUrl = startRedis();
        KafkaBroker broker = started(KafkaBroker.start());
        say("Kafka %s broker (KRaft, single node) on %s", org.apache.kafka.common.utils.AppInfoParser.getVersion(),
                broker.bootstrapServers());
        DemoTraffic traffic = started(DemoTraffic.start(redisUrl, broker));
        say("workloads loaded, traffic flowing:");
        traffic.describe().forEach(line -> System.out.println("           " + line));

        int port = appPort();
        app = started(new PackagedApp(configFile(redisUrl, broker.bootstrapServers()),
                Map.of("QUARKUS_HTTP_PORT", String.valueOf(port))));
        baseUrl = "http://localhost:" + port;
        awaitApp();
        say("StreamFit is up on port %d (settings: %s)", port, String.join(", ", SETTINGS));
        return check ? check() : serve();
    }

    // ---------------------------------------------------------------- start-up

    private String startRedis() {
        String url;
        if (onPath("redis-server")) {
            url = started(RedisServer.startOn(FreePorts.next(), "--appendonly", "yes")).url();
        } else {
            say("redis-server is not on PATH: running the Redis 6.2 binary of the test dependencies");
            url = started(Redis62Server.start("--appendonly", "yes")).url();
        }
        try (RedisFixtures redis = new RedisFixtures(url)) {
            String version = infoField(redis.call("INFO", "server").toString(), "redis_version");
            String appendonly = redis.call("CONFIG", "GET", "appendonly").get(1).toString();
            if (!appendonly.equals("yes")) {
                throw new IllegalStateException("Redis runs with appendonly " + appendonly + "; the orders workload needs persistence");
            }
            say("Redis %s on %s, appendonly yes", version, url);
            if (version.startsWith("6.")) {
                say("note: Redis 6.2 reports no entries-added, so whether orders was ever trimmed stays unknown");
            }
        }
        return url;
    }

    static String configFile(String redisUrl, String bootstrapServers) {
        List<String> lines = new ArrayList<>(SETTINGS);
        lines.add("streamfit.redis." + TARGET + ".url=" + redisUrl);
        lines.add("streamfit.kafka." + TARGET + ".bootstrap-servers=" + bootstrapServers);
        return String.join("\n", lines) + "\n";
    }

    private int appPort() {
        try (ServerSocket socket = new ServerSocket(PREFERRED_PORT)) {
            return PREFERRED_PORT;
        } catch (IOException e) {
            int port = FreePorts.next();
            say("port %d is taken: StreamFit gets port %d", PREFERRED_PORT, port);
            return port;
        }
    }

    private void awaitApp() throws InterruptedException {
        long deadline = System.nanoTime() + APP_START_TIMEOUT.toNanos();
        while (get("/q/health/live").status() != 200) {
            if (!app.isAlive()) {
                throw new IllegalStateException("StreamFit exited during start-up:\n" + appLogTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("StreamFit did not answer within " + APP_START_TIMEOUT + ":\n" + appLogTail());
            }
            Thread.sleep(250);
        }
    }

    // ---------------------------------------------------------------- running

    private int serve() throws InterruptedException {
        System.out.println();
        System.out.printf("StreamFit demo is running (started in %.0f s).%n%n", elapsedSeconds());
        System.out.printf("  Report page  %s/%n", baseUrl);
        System.out.printf("  Workloads    %s/api/v1/workloads%n", baseUrl);
        System.out.printf("  Findings     %s/api/v1/findings%n", baseUrl);
        System.out.printf("  Targets      %s/api/v1/targets%n", baseUrl);
        System.out.printf("  Streams      %s/api/v1/redis/%s/streams%n", baseUrl, TARGET);
        System.out.printf("  Topics       %s/api/v1/kafka/%s/topics   (groups: /api/v1/kafka/%s/groups)%n", baseUrl, TARGET, TARGET);
        System.out.printf("  Metrics      %s/q/metrics%n%n", baseUrl);
        System.out.println("Verdicts appear in about a minute (INSUFFICIENT_DATA until then).");
        System.out.println("Logs: " + Path.of("target", "test-servers").toAbsolutePath() + "   Ctrl-C stops everything.");

        while (app.isAlive()) {
            Thread.sleep(1000);
        }
        if (stopping) {
            return 0;
        }
        System.err.println("demo: StreamFit exited:\n" + appLogTail());
        return 1;
    }

    private int check() throws InterruptedException {
        long deadline = System.nanoTime() + CHECK_TIMEOUT.toNanos();
        String missing;
        while ((missing = missing()) != null) {
            if (stopping) {
                return 1;
            }
            if (!app.isAlive()) {
                System.err.println("check FAILED: StreamFit exited:\n" + appLogTail());
                return 1;
            }
            if (System.nanoTime() > deadline) {
                System.err.printf("check FAILED: after %d s still %s%n%s%n", CHECK_TIMEOUT.toSeconds(), missing, appLogTail());
                return 1;
            }
            Thread.sleep(1000);
        }
        // Rates need two samples: give StreamFit one more poll so the report shows them.
        long ratesDeadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!ratesKnown() && System.nanoTime() < ratesDeadline && !stopping) {
            Thread.sleep(1000);
        }
        say("check: StreamFit reports both targets up and the four workloads with their groups:");
        printReport();
        printVerdicts();
        say("check passed");
        return 0;
    }

    /** What StreamFit does not report yet, or null when it reports everything the demo set up. */
    private String missing() {
        JsonNode targets = getJson("/api/v1/targets");
        for (String system : List.of("redis", "kafka")) {
            JsonNode target = find(targets, t -> t.path("system").asText().equals(system) && t.path("name").asText().equals(TARGET));
            if (target == null || !target.path("up").asBoolean(false)) {
                return "target " + system + "/" + TARGET + " is not up: " + (target == null ? "not listed" : target);
            }
        }
        JsonNode streams = getJson("/api/v1/redis/" + TARGET + "/streams");
        JsonNode topics = getJson("/api/v1/kafka/" + TARGET + "/topics");
        for (DemoTraffic.Workload workload : DemoTraffic.WORKLOADS) {
            boolean redis = workload.system().equals("redis");
            JsonNode item = redis ? find(streams, s -> s.path("stream").asText().equals(workload.name()))
                    : find(topics, t -> t.path("topic").asText().equals(workload.name()));
            if (item == null) {
                return (redis ? "stream " : "topic ") + workload.name() + " is not listed";
            }
            List<String> groups = new ArrayList<>();
            item.path("groups").forEach(g -> groups.add(redis ? g.path("group").asText() : g.asText()));
            if (!groups.containsAll(workload.groups())) {
                return workload.name() + " lists groups " + groups + ", not yet " + workload.groups();
            }
        }
        return null;
    }

    private boolean ratesKnown() {
        JsonNode topics = getJson("/api/v1/kafka/" + TARGET + "/topics");
        return topics.size() > 0 && find(topics, t -> t.path("recordsPerSecond").isNull()) == null;
    }

    private void printReport() {
        for (JsonNode t : getJson("/api/v1/targets")) {
            System.out.printf("           target %s/%s up, last poll %.3f s%n", t.path("system").asText(), t.path("name").asText(),
                    t.path("lastPollSeconds").asDouble());
        }
        for (JsonNode s : getJson("/api/v1/redis/" + TARGET + "/streams")) {
            List<String> groups = new ArrayList<>();
            s.path("groups").forEach(g -> groups.add(g.path("group").asText() + " (lag " + text(g.path("lag")) + ")"));
            System.out.printf("           stream %-20s length %,d, entries added %s, oldest entry %.1f h old, %,d bytes, groups %s%n",
                    s.path("stream").asText(), s.path("length").asLong(), text(s.path("entriesAdded")),
                    s.path("oldestEntryAgeSeconds").asDouble() / 3600, s.path("memoryBytes").asLong(), String.join(", ", groups));
        }
        for (JsonNode t : getJson("/api/v1/kafka/" + TARGET + "/topics")) {
            List<String> groups = new ArrayList<>();
            t.path("groups").forEach(g -> groups.add(g.asText()));
            System.out.printf("           topic  %-20s %d partitions, retention %s ms, %s records/s, groups %s%n",
                    t.path("topic").asText(), t.path("partitions").asInt(), t.path("retentionMs").asText(),
                    number(t.path("recordsPerSecond")), String.join(", ", groups));
        }
    }

    /** Waits until every workload has left INSUFFICIENT_DATA (or a time-out) and prints the verdicts, if the build has them. */
    private void printVerdicts() throws InterruptedException {
        Reply reply = get("/api/v1/workloads");
        if (reply.status() != 200) {
            say("check: GET /api/v1/workloads answers %d: no verdicts in this build yet", reply.status());
            return;
        }
        say("check: waiting up to %d s for every workload's verdict", VERDICT_TIMEOUT.toSeconds());
        long deadline = System.nanoTime() + VERDICT_TIMEOUT.toNanos();
        JsonNode workloads = getJson("/api/v1/workloads");
        while (!allDecided(workloads) && System.nanoTime() < deadline && !stopping) {
            Thread.sleep(2000);
            workloads = getJson("/api/v1/workloads");
        }
        say("check: verdicts%s:", allDecided(workloads) ? "" : " (not all decided in time)");
        for (DemoTraffic.Workload expected : DemoTraffic.WORKLOADS) {
            JsonNode w = find(workloads, expected);
            if (w == null) {
                System.out.printf("           %s %-20s not listed (built to be %s)%n", expected.system(), expected.name(), expected.builtToBe());
                continue;
            }
            List<String> answers = new ArrayList<>();
            w.path("questions").fields().forEachRemaining(q -> answers.add(q.getKey() + "=" + q.getValue().path("answer").asText()));
            String verdict = w.path("verdict").asText();
            List<String> signals = new ArrayList<>();
            w.path("signals").forEach(sig -> signals.add(sig.path("rule").asText()));
            System.out.printf("           %s %-20s %-17s (built to be %s%s)%n", expected.system(), expected.name(), verdict,
                    expected.builtToBe(), verdict.equals(expected.builtToBe()) ? "" : " — differs");
            System.out.printf("                  %s; signals: %s%n", String.join(" ", answers), signals.isEmpty() ? "none" : String.join(", ", signals));
            System.out.printf("                  %s%n", w.path("recommendation").path("summary").asText("no recommendation"));
        }
    }

    private static boolean allDecided(JsonNode workloads) {
        for (DemoTraffic.Workload expected : DemoTraffic.WORKLOADS) {
            JsonNode w = find(workloads, expected);
            if (w == null || w.path("verdict").asText().equals("INSUFFICIENT_DATA")) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- stopping

    /** Registers something started, to be stopped (in reverse order) by {@link #stop()}. */
    private synchronized <T extends AutoCloseable> T started(T resource) {
        if (stopping) {
            closeQuietly(resource);
            throw new IllegalStateException("stopping");
        }
        running.push(resource);
        return resource;
    }

    /**
     * Stops the app, the traffic, the broker and Redis (their temp dirs go with them); runs once. On
     * Ctrl-C during start-up it also ends the child that was being started, then gives the start-up a
     * moment to fail and clean up after itself (a half-started broker's temp dir).
     */
    private void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        say("stopping StreamFit, traffic, Kafka and Redis");
        closeStarted();
        stopLeftoverChildren();
        try {
            runEnded.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeStarted();
        stopLeftoverChildren();
        say("stopped");
    }

    private synchronized void closeStarted() {
        while (!running.isEmpty()) {
            closeQuietly(running.pop());
        }
    }

    /** A child process not registered yet (Ctrl-C while it was starting, such as Kafka's storage format): ended by its pid. */
    private static void stopLeftoverChildren() {
        ProcessHandle.current().children().filter(ProcessHandle::isAlive).forEach(child -> {
            child.destroy();
            try {
                child.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                child.destroyForcibly();
            }
        });
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("demo: stopping " + resource.getClass().getSimpleName() + " failed: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- helpers

    record Reply(int status, String body) {
    }

    private Reply get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Reply(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, e.toString());
        }
    }

    /** The JSON body of a 200 answer; an empty array otherwise. */
    private JsonNode getJson(String path) {
        Reply reply = get(path);
        try {
            return reply.status() == 200 ? json.readTree(reply.body()) : json.createArrayNode();
        } catch (IOException e) {
            return json.createArrayNode();
        }
    }

    private static JsonNode find(JsonNode workloads, DemoTraffic.Workload workload) {
        return find(workloads, w -> w.path("system").asText().equals(workload.system())
                && w.path("target").asText().equals(TARGET) && w.path("name").asText().equals(workload.name()));
    }

    private static JsonNode find(JsonNode array, Predicate<JsonNode> match) {
        for (JsonNode item : array) {
            if (match.test(item)) {
                return item;
            }
        }
        return null;
    }

    private String appLogTail() {
        String[] lines = app.output().split("\n");
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 40), lines.length));
    }

    private static String text(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? "unknown" : value.asText();
    }

    private static String number(JsonNode value) {
        return value.isNumber() ? String.format("%.1f", value.asDouble()) : "unknown";
    }

    private static String infoField(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return "?";
    }

    private static boolean onPath(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Path.of(dir, binary).toFile().canExecute()) {
                return true;
            }
        }
        return false;
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void say(String format, Object... args) {
        System.out.printf("[%5.1f s] %s%n", elapsedSeconds(), String.format(format, args));
    }

    /** The Kafka and Vert.x clients of this JVM log their whole configuration at INFO: warnings only. */
    private static void quietClientLogs() {
        for (String name : List.of("org.apache.kafka", "io.vertx", "io.netty")) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            QUIET_LOGGERS.add(logger);
        }
    }
}
