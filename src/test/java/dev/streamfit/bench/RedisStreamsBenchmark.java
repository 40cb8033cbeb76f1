package dev.streamfit.bench;

import static dev.streamfit.bench.BenchmarkReport.commandOutput;
import static dev.streamfit.bench.BenchmarkReport.cpuModel;
import static dev.streamfit.bench.BenchmarkReport.loadAverage;
import static dev.streamfit.bench.BenchmarkReport.median;
import static dev.streamfit.bench.BenchmarkReport.nproc;
import static dev.streamfit.bench.BenchmarkReport.totalRam;
import static dev.streamfit.bench.BenchmarkReport.writeSection;
import static dev.streamfit.support.RedisServer.sleep;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.streamfit.redis.RedisGroupSnapshot;
import dev.streamfit.redis.RedisStreamSnapshot;
import dev.streamfit.redis.RedisTargetPoller;
import dev.streamfit.redis.RedisTargetSnapshot;
import dev.streamfit.support.ChildProcesses;
import dev.streamfit.support.FreePorts;
import dev.streamfit.support.RedisServer;
import dev.streamfit.support.ServerLogs;
import dev.streamfit.support.TestRedisTarget;
import io.vertx.mutiny.core.Vertx;

/**
 * StreamFit's Redis Streams poll against Debian's prometheus-redis-exporter, both reading the same
 * streams on the same redis-server in the same run. Not a JUnit test: run it with
 * {@code scripts/bench-redis}; it writes the section "Redis Streams poll vs redis_exporter" of
 * docs/benchmarks.md from what it measured.
 *
 * <p>System properties: {@code bench.sizes} (streams per step, default 1000,2500,5000,10000),
 * {@code bench.polls} (measured polls and scrapes per size, default 7), {@code bench.warmups}
 * (default 2), {@code bench.scenarios} (default quiet,busy: see {@link Scenario}), {@code bench.out}
 * (default docs/benchmarks.md), {@code bench.profile} (print the Redis commands of every measured
 * poll and scrape).
 *
 * <p>Redis cost of one poll or scrape comes from the server itself: the {@code usec} of
 * {@code INFO commandstats} (time spent executing commands) and {@code used_cpu_sys + used_cpu_user}
 * of {@code INFO cpu} (the whole process: I/O, parsing, accepting connections too). The INFO call
 * that takes the "before" reading lands in the delta; it is measured by a calibration reading just
 * before and subtracted. Whatever a scenario writes before a poll or scrape happens before both
 * readings, so it is not counted either.
 */
public final class RedisStreamsBenchmark {

    static final String GLOB = "bench:stream:*";
    static final String STREAM_PREFIX = "bench:stream:";
    static final String EXPORTER = "/usr/bin/prometheus-redis-exporter";
    static final String SECTION = "## Redis Streams poll vs redis_exporter";
    static final int ENTRIES = 30;
    static final int UNRELATED_STRINGS = 250;
    static final int GLOB_MATCHING_STRINGS = 50;
    static final int LOAD_CHUNK = 5000;
    static final Duration POLL_TIMEOUT = Duration.ofMinutes(3);

    private RedisStreamsBenchmark() {
    }

    record Settings(List<Integer> sizes, List<Scenario> scenarios, int polls, int warmups, int jitWarmupSeconds, Path out,
            boolean profile) {
        static Settings fromSystemProperties() {
            List<Integer> sizes = Arrays.stream(System.getProperty("bench.sizes", "1000,2500,5000,10000").split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt).sorted().distinct().toList();
            if (sizes.isEmpty() || sizes.get(0) < 1) {
                throw new IllegalArgumentException("bench.sizes must list positive stream counts, got " + sizes);
            }
            int polls = Integer.getInteger("bench.polls", 7);
            int warmups = Integer.getInteger("bench.warmups", 2);
            if (polls < 1 || warmups < 0) {
                throw new IllegalArgumentException("bench.polls must be >= 1 and bench.warmups >= 0");
            }
            List<Scenario> scenarios = Arrays.stream(System.getProperty("bench.scenarios", "quiet,busy").split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).map(Scenario::parse).distinct().toList();
            if (scenarios.isEmpty()) {
                throw new IllegalArgumentException("bench.scenarios must name at least one of quiet, busy");
            }
            return new Settings(sizes, scenarios, polls, warmups, Integer.getInteger("bench.jitWarmupSeconds", 20),
                    Path.of(System.getProperty("bench.out", "docs/benchmarks.md")), Boolean.getBoolean("bench.profile"));
        }

        /** How to run this again with the same options. */
        String command() {
            List<String> opts = new ArrayList<>();
            for (String key : List.of("bench.sizes", "bench.scenarios", "bench.polls", "bench.warmups",
                    "bench.jitWarmupSeconds", "bench.out", "bench.profile")) {
                if (System.getProperty(key) != null) {
                    opts.add("-D" + key + "=" + System.getProperty(key));
                }
            }
            return opts.isEmpty() ? "scripts/bench-redis" : "BENCH_OPTS='" + String.join(" ", opts) + "' scripts/bench-redis";
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        Path exporterBinary = Path.of(EXPORTER);
        if (!Files.isExecutable(exporterBinary)) {
            System.err.println("ERROR: " + EXPORTER + " is missing. Install Debian's package first:\n"
                    + "  apt-get update && apt-get install -y prometheus-redis-exporter\n"
                    + "(scripts/bench-redis does this for you).");
            System.exit(2);
        }
        String exporterVersion = exporterVersion();
        log("sizes " + settings.sizes() + ", scenarios " + settings.scenarios() + ", " + settings.warmups() + " warm-up + "
                + settings.polls() + " measured polls/scrapes per size and scenario; exporter " + exporterVersion);

        String loadBefore = loadAverage();
        List<SizeResult> results = new ArrayList<>();
        DataSet data;
        JitWarmup jitWarmup = null;
        String redisVersion;
        double idleCpuUsecPerSecond;
        Path exporterLog = ServerLogs.logFile("redis-exporter-bench.log");
        Vertx vertx = Vertx.vertx();
        try (RedisServer server = RedisServer.start(); Resp redis = new Resp(server.port())) {
            redisVersion = infoField(redis.info("server"), "redis_version");
            log("redis-server " + redisVersion + " on port " + server.port());
            loadNonStreamKeys(redis);
            Files.deleteIfExists(exporterLog);
            data = new DataSet(redis);
            try (Exporter exporter = Exporter.start(server.port(), exporterLog)) {
                for (int n : settings.sizes()) {
                    long loadStart = System.nanoTime();
                    data.growTo(n);
                    log("loaded " + n + " streams in " + millis(System.nanoTime() - loadStart) + " ms (dbsize "
                            + redis.call("DBSIZE") + ")");
                    if (jitWarmup == null) {
                        jitWarmup = jitWarmup(vertx, server.url(), data, settings);
                    }
                    for (Scenario scenario : settings.scenarios()) {
                        SideResult streamfit = measureStreamFit(vertx, server.url(), data, scenario, settings);
                        SideResult exporterResult = measureExporter(exporter, data, scenario, settings);
                        SizeResult result = new SizeResult(scenario, n, streamfit, exporterResult);
                        results.add(result);
                        log(String.format(Locale.ROOT,
                                "%s N=%d: StreamFit %.1f ms, exporter %.1f ms (x%.1f); Redis usec %d vs %d",
                                scenario.label(), n, streamfit.medianMillis(), exporterResult.medianMillis(),
                                result.speedUp(), streamfit.medianUsec(), exporterResult.medianUsec()));
                    }
                }
            }
            Stats before = redis.stats();
            Thread.sleep(2000);
            Stats after = redis.stats();
            idleCpuUsecPerSecond = (after.cpuUsec() - before.cpuUsec()) / 2.0;
        } finally {
            vertx.closeAndAwait();
        }
        ExporterLog exporterErrors = ExporterLog.read(exporterLog);
        String load = loadBefore + " before the run, " + loadAverage() + " after it";
        String section = report(settings, results, data, jitWarmup, redisVersion, exporterVersion,
                idleCpuUsecPerSecond, exporterErrors, load);
        writeSection(settings.out(), SECTION, section);
        log("wrote " + settings.out().toAbsolutePath());
        System.out.println();
        System.out.println(section);
        System.exit(0);
    }

    // ---------------------------------------------------------------- data set

    /** Strings that no tool should report: most match nothing, some match the glob but are not streams. */
    static void loadNonStreamKeys(Resp redis) {
        Resp.Pipeline pipeline = redis.pipeline(LOAD_CHUNK);
        for (int i = 0; i < UNRELATED_STRINGS; i++) {
            pipeline.add("SET", "cache:item:" + i, "value-" + i);
        }
        for (int i = 0; i < GLOB_MATCHING_STRINGS; i++) {
            pipeline.add("SET", STREAM_PREFIX + "config:" + i, "{\"retention\":" + i + "}");
        }
        pipeline.sync();
    }

    /**
     * Streams {@code from..to-1}: 30 entries one second apart (the oldest 30 s old), and three groups
     * created at 0 with two consumers each — g1 read and acked everything; g2 read 20 with c1 and acked
     * 15 (5 pending, lag 10); g3 read 10 with c1 and 5 with c2, acked none (15 pending, lag 15).
     */
    static void loadStreams(Resp redis, int from, int to) {
        long now = System.currentTimeMillis();
        Resp.Pipeline p = redis.pipeline(LOAD_CHUNK);
        String[] ids = new String[ENTRIES];
        for (int i = from; i < to; i++) {
            String key = STREAM_PREFIX + i;
            for (int k = 0; k < ENTRIES; k++) {
                ids[k] = (now - (ENTRIES - k) * 1000L) + "-0";
                p.add("XADD", key, ids[k], "type", k % 3 == 0 ? "order.created" : "order.paid",
                        "customer", "c" + (i % 97), "amount", String.valueOf(10 + (k * 7 + i) % 90));
            }
            for (String group : List.of("g1", "g2", "g3")) {
                p.add("XGROUP", "CREATE", key, group, "0");
            }
            p.add("XREADGROUP", "GROUP", "g1", "c1", "COUNT", "15", "STREAMS", key, ">");
            p.add("XREADGROUP", "GROUP", "g1", "c2", "COUNT", "15", "STREAMS", key, ">");
            p.add(concat(new String[] {"XACK", key, "g1"}, Arrays.copyOfRange(ids, 0, 30)));
            p.add("XREADGROUP", "GROUP", "g2", "c1", "COUNT", "20", "STREAMS", key, ">");
            p.add(concat(new String[] {"XACK", key, "g2"}, Arrays.copyOfRange(ids, 0, 15)));
            p.add("XGROUP", "CREATECONSUMER", key, "g2", "c2");
            p.add("XREADGROUP", "GROUP", "g3", "c1", "COUNT", "10", "STREAMS", key, ">");
            p.add("XREADGROUP", "GROUP", "g3", "c2", "COUNT", "5", "STREAMS", key, ">");
        }
        p.sync();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /**
     * The benchmark streams on the server and what was done to them since they were loaded: how many
     * entries a busy scenario appended to each, so that the checks know the length and lags to expect.
     */
    static final class DataSet {
        private final Resp redis;
        private int streams;
        private int[] appended = new int[0];
        private long lastAppendMillis;

        DataSet(Resp redis) {
            this.redis = redis;
        }

        Resp redis() {
            return redis;
        }

        int streams() {
            return streams;
        }

        /** Entries appended to stream {@code i} since it was loaded. */
        int appended(int i) {
            return appended[i];
        }

        /** Loads streams {@code streams()..n-1}; the ones already there stay as they are. */
        void growTo(int n) {
            loadStreams(redis, streams, n);
            appended = Arrays.copyOf(appended, n);
            streams = n;
        }

        /**
         * One new entry on every stream, which g1 reads (c1) and acks at once: every stream and g1's
         * position change, g1 stays caught up, g2's and g3's lags grow by one. Pipelined like the
         * loading: a few round trips in all, not one per stream. The ID is explicit (later than any
         * entry of any stream, loaded or appended) so that the XACK can name it in the same pipeline.
         */
        void appendToAll() {
            lastAppendMillis = Math.max(System.currentTimeMillis(), lastAppendMillis + 1);
            String id = lastAppendMillis + "-0";
            Resp.Pipeline p = redis.pipeline(LOAD_CHUNK);
            for (int i = 0; i < streams; i++) {
                String key = STREAM_PREFIX + i;
                p.add("XADD", key, id, "type", "order.shipped", "customer", "c" + (i % 97), "amount",
                        String.valueOf(10 + (appended[i] * 7 + i) % 90));
                p.add("XREADGROUP", "GROUP", "g1", "c1", "COUNT", "1", "STREAMS", key, ">");
                p.add("XACK", key, "g1", id);
                appended[i]++;
            }
            p.sync();
        }
    }

    /** What happens to the data set before each poll or scrape of a measurement (warm-ups included). */
    enum Scenario {
        /**
         * Nothing: every poll after the first sees the streams exactly as the one before, so StreamFit
         * reuses what it measured of unchanged streams (MEMORY USAGE, first undelivered entries).
         */
        QUIET,
        /** {@link DataSet#appendToAll()}: every stream changed since the previous poll or scrape. */
        BUSY;

        static Scenario parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bench.scenarios: unknown scenario '" + name + "' (quiet, busy)", e);
            }
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Runs before a poll or scrape, outside what is measured. */
        void beforePoll(DataSet data) {
            if (this == BUSY) {
                data.appendToAll();
            }
        }
    }

    // ---------------------------------------------------------------- measurement

    /** One measured poll or scrape. */
    record Sample(long wallNanos, long usecWithoutInfo, long usecAll, long cpuUsec, Map<String, long[]> commands) {
    }

    /** One tool at one size. */
    record SideResult(List<Sample> samples, Coverage coverage, List<Double> selfReportedSeconds) {
        double medianMillis() {
            return median(samples.stream().map(s -> s.wallNanos() / 1e6).toList());
        }

        double minMillis() {
            return samples.stream().mapToDouble(s -> s.wallNanos() / 1e6).min().orElse(Double.NaN);
        }

        double maxMillis() {
            return samples.stream().mapToDouble(s -> s.wallNanos() / 1e6).max().orElse(Double.NaN);
        }

        long medianUsec() {
            return Math.round(median(samples.stream().map(s -> (double) s.usecWithoutInfo()).toList()));
        }

        long medianUsecAll() {
            return Math.round(median(samples.stream().map(s -> (double) s.usecAll()).toList()));
        }

        long medianCpuUsec() {
            return Math.round(median(samples.stream().map(s -> (double) s.cpuUsec()).toList()));
        }

        /** Per command: mean calls and mean usec per poll over the measured samples. */
        Map<String, double[]> commandsPerPoll() {
            Map<String, double[]> sum = new TreeMap<>();
            for (Sample s : samples) {
                s.commands().forEach((cmd, v) -> {
                    double[] acc = sum.computeIfAbsent(cmd, c -> new double[2]);
                    acc[0] += v[0];
                    acc[1] += v[1];
                });
            }
            sum.values().forEach(v -> {
                v[0] /= samples.size();
                v[1] /= samples.size();
            });
            sum.values().removeIf(v -> v[0] < 0.5 && Math.abs(v[1]) < 0.5);
            return sum;
        }
    }

    record SizeResult(Scenario scenario, int streams, SideResult streamfit, SideResult exporter) {
        double speedUp() {
            return exporter.medianMillis() / streamfit.medianMillis();
        }

        double usecRatio() {
            return (double) streamfit.medianUsec() / exporter.medianUsec();
        }
    }

    /** What one tool reported at one size. */
    /**
     * @param snapshot    StreamFit's last snapshot (null for the exporter)
     * @param metricNames the exporter's stream metric names (empty for StreamFit)
     */
    record Coverage(int streams, long values, List<String> details, List<String> problems, RedisTargetSnapshot snapshot,
            Set<String> metricNames) {
    }

    /** The JVM's warm-up before anything is measured: polls of the first size, for a while. */
    record JitWarmup(int streams, int polls, double seconds, double firstMillis, double lastMillis) {
    }

    /**
     * StreamFit runs as a long-lived service whose poll code is compiled by the JIT after its first
     * polls; the exporter is compiled ahead of time. So before measuring, StreamFit polls the first
     * size for {@code bench.jitWarmupSeconds} (0 skips), on a poller of its own.
     */
    static JitWarmup jitWarmup(Vertx vertx, String url, DataSet data, Settings settings) {
        int n = data.streams();
        if (settings.jitWarmupSeconds() <= 0) {
            return new JitWarmup(n, 0, 0, Double.NaN, Double.NaN);
        }
        RedisTargetPoller poller = new RedisTargetPoller(vertx, "bench-warmup", target(url, n), POLL_TIMEOUT);
        try {
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(settings.jitWarmupSeconds());
            int polls = 0;
            double first = Double.NaN;
            double last = Double.NaN;
            while (polls < 2 || System.nanoTime() < deadline) {
                long t = System.nanoTime();
                verify(poller.poll().await().atMost(POLL_TIMEOUT), data);
                last = (System.nanoTime() - t) / 1e6;
                if (polls == 0) {
                    first = last;
                }
                polls++;
            }
            JitWarmup warmup = new JitWarmup(n, polls, (System.nanoTime() - start) / 1e9, first, last);
            log(String.format(Locale.ROOT, "JIT warm-up: %d polls of %d streams in %.1f s, first %.1f ms, last %.1f ms",
                    polls, n, warmup.seconds(), first, last));
            return warmup;
        } finally {
            poller.close();
        }
    }

    static TestRedisTarget target(String url, int n) {
        TestRedisTarget target = TestRedisTarget.of(url).withStreams(GLOB);
        return n > target.maxStreams() ? target.withMaxStreams(n) : target;
    }

    /** A new poller (nothing remembered from earlier polls) per size and scenario. */
    static SideResult measureStreamFit(Vertx vertx, String url, DataSet data, Scenario scenario, Settings settings) {
        int n = data.streams();
        RedisTargetPoller poller = new RedisTargetPoller(vertx, "bench", target(url, n), POLL_TIMEOUT);
        try {
            for (int i = 0; i < settings.warmups(); i++) {
                scenario.beforePoll(data);
                verify(poller.poll().await().atMost(POLL_TIMEOUT), data);
            }
            List<Sample> samples = new ArrayList<>();
            RedisTargetSnapshot[] last = new RedisTargetSnapshot[1];
            for (int i = 0; i < settings.polls(); i++) {
                Sample sample = measure(data.redis(), () -> scenario.beforePoll(data),
                        () -> last[0] = poller.poll().await().atMost(POLL_TIMEOUT));
                verify(last[0], data);
                samples.add(sample);
                profile(settings, "StreamFit", scenario, n, i, sample);
            }
            return new SideResult(samples, streamFitCoverage(last[0]), List.of());
        } finally {
            poller.close();
        }
    }

    /**
     * Fails the run loudly when the poll did not see the data set as loaded plus what was appended
     * since: each appended entry lengthens its stream and the lags of g2 and g3 by one; g1 read and
     * acked it (lag 0); pending counts stay as loaded.
     */
    static void verify(RedisTargetSnapshot snapshot, DataSet data) {
        int n = data.streams();
        List<RedisStreamSnapshot> streams = snapshot.streams();
        if (streams.size() != n) {
            throw new IllegalStateException("StreamFit saw " + streams.size() + " streams, expected " + n
                    + "; problems: " + snapshot.problems());
        }
        for (RedisStreamSnapshot stream : streams) {
            if (!stream.stream().startsWith(STREAM_PREFIX) || stream.stream().startsWith(STREAM_PREFIX + "config:")) {
                throw new IllegalStateException("StreamFit reported a key that is not a bench stream: " + stream.stream());
            }
            int index = Integer.parseInt(stream.stream().substring(STREAM_PREFIX.length()));
            if (index >= n) {
                throw new IllegalStateException("StreamFit reported " + stream.stream() + ", not loaded yet");
            }
            int appended = data.appended(index);
            if (stream.length() != ENTRIES + appended || stream.groups().size() != 3) {
                throw new IllegalStateException("stream " + stream.stream() + " has length " + stream.length()
                        + " and " + stream.groups().size() + " groups, expected " + (ENTRIES + appended) + " and 3");
            }
            for (RedisGroupSnapshot group : stream.groups()) {
                long expectedPending = switch (group.group()) {
                    case "g1" -> 0;
                    case "g2" -> 5;
                    case "g3" -> 15;
                    default -> throw new IllegalStateException("unexpected group " + group.group() + " on " + stream.stream());
                };
                Long expectedLag = switch (group.group()) {
                    case "g1" -> 0L;
                    case "g2" -> 10L + appended;
                    default -> 15L + appended;
                };
                if (group.pending() != expectedPending || (group.lag() != null && !group.lag().equals(expectedLag))
                        || group.consumers() != 2) {
                    throw new IllegalStateException("group " + group.group() + " of " + stream.stream() + ": pending "
                            + group.pending() + ", lag " + group.lag() + ", consumers " + group.consumers()
                            + "; expected pending " + expectedPending + ", lag " + expectedLag + ", 2 consumers");
                }
            }
        }
    }

    static Coverage streamFitCoverage(RedisTargetSnapshot snapshot) {
        long values = 0;
        for (RedisStreamSnapshot stream : snapshot.streams()) {
            values += countValues(stream);
        }
        List<String> details = new ArrayList<>();
        details.add("per stream (`" + RedisStreamSnapshot.class.getSimpleName() + "`): " + componentNames(RedisStreamSnapshot.class));
        details.add("per group (`" + RedisGroupSnapshot.class.getSimpleName() + "`): " + componentNames(RedisGroupSnapshot.class));
        for (RecordComponent c : RedisGroupSnapshot.class.getRecordComponents()) {
            if (List.class.isAssignableFrom(c.getType()) && c.getGenericType() instanceof java.lang.reflect.ParameterizedType pt
                    && pt.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
                details.add("per consumer (`" + element.getSimpleName() + "`, in `" + c.getName() + "`): " + componentNames(element));
            }
        }
        RedisStreamSnapshot sample = snapshot.streams().get(0);
        StringBuilder groups = new StringBuilder();
        for (RedisGroupSnapshot group : sample.groups()) {
            groups.append(groups.isEmpty() ? "" : "; ").append(group.group()).append(": pending ").append(group.pending())
                    .append(", lag ").append(group.lag()).append(", lagSeconds ").append(round1(group.lagSeconds()))
                    .append(", oldest pending idle s ").append(round1(group.oldestPendingIdleSeconds()))
                    .append(", max deliveries ").append(group.maxDeliveryCount())
                    .append(", consumer details ").append(group.consumerDetails() == null ? "not fetched" : group.consumerDetails().size());
        }
        details.add("sample `" + sample.stream() + "`: memory " + sample.memoryBytes() + " B, " + sample.length()
                + " entries, oldest entry " + round1(sample.oldestEntryAgeSeconds()) + " s old; " + groups);
        details.add("Redis instance values alongside (INFO): " + componentNames(dev.streamfit.redis.RedisInstanceSnapshot.class));
        List<String> problems = snapshot.problems().stream().map(String::valueOf).toList();
        return new Coverage(snapshot.streams().size(), values, details, problems, snapshot, Set.of());
    }

    private static String round1(Double value) {
        return value == null ? "null" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String componentNames(Class<?> record) {
        return String.join(", ", Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList());
    }

    /** Non-null leaf values of a record, nested records and lists counted through. */
    static long countValues(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Collection<?> list) {
            long n = 0;
            for (Object item : list) {
                n += countValues(item);
            }
            return n;
        }
        if (value instanceof Record) {
            long n = 0;
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                try {
                    n += countValues(c.getAccessor().invoke(value));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return n;
        }
        return 1;
    }

    static SideResult measureExporter(Exporter exporter, DataSet data, Scenario scenario, Settings settings) {
        int n = data.streams();
        for (int i = 0; i < settings.warmups(); i++) {
            scenario.beforePoll(data);
            exporter.scrape();
        }
        List<Sample> samples = new ArrayList<>();
        List<Double> selfReported = new ArrayList<>();
        String[] body = new String[1];
        for (int i = 0; i < settings.polls(); i++) {
            Sample sample = measure(data.redis(), () -> scenario.beforePoll(data), () -> body[0] = exporter.scrape());
            samples.add(sample);
            ExporterOutput output = ExporterOutput.parse(body[0]);
            if (output.lastScrapeSeconds() != null) {
                selfReported.add(output.lastScrapeSeconds());
            }
            profile(settings, "exporter", scenario, n, i, sample);
        }
        ExporterOutput output = ExporterOutput.parse(body[0]);
        List<String> details = new ArrayList<>();
        details.add(String.format(Locale.ROOT, "whole `/metrics` answer: %.1f MB, %d series", output.bytes() / 1e6, output.series()));
        output.streamSeriesByName().forEach((name, count) -> details.add("`" + name + "`: " + count + " series"));
        List<String> problems = new ArrayList<>();
        if (!"1".equals(output.up())) {
            problems.add("redis_up is " + output.up());
        }
        if (output.lastScrapeError() != null && !output.lastScrapeError().isEmpty()) {
            problems.add("redis_exporter_last_scrape_error: " + output.lastScrapeError());
        }
        Coverage coverage = new Coverage(output.streamsCovered(), output.streamSeries(), details, problems, null,
                output.streamSeriesByName().keySet());
        return new SideResult(samples, coverage, selfReported);
    }

    /**
     * The preparation (not measured: it ends before the first reading), calibration reading, before
     * reading, the action, after reading.
     */
    static Sample measure(Resp redis, Runnable prepare, Runnable action) {
        prepare.run();
        Stats calibration = redis.stats();
        Stats before = redis.stats();
        long start = System.nanoTime();
        action.run();
        long wall = System.nanoTime() - start;
        Stats after = redis.stats();
        Map<String, long[]> measuring = before.minus(calibration);
        Map<String, long[]> delta = after.minus(before);
        Map<String, long[]> tool = new TreeMap<>();
        delta.forEach((cmd, v) -> {
            long[] m = measuring.getOrDefault(cmd, new long[2]);
            tool.put(cmd, new long[] {v[0] - m[0], v[1] - m[1]});
        });
        long usecAll = tool.values().stream().mapToLong(v -> v[1]).sum();
        long usecWithoutInfo = delta.entrySet().stream().filter(e -> !e.getKey().equals("info")).mapToLong(e -> e.getValue()[1]).sum();
        long cpu = (after.cpuUsec() - before.cpuUsec()) - (before.cpuUsec() - calibration.cpuUsec());
        tool.values().removeIf(v -> v[0] == 0 && v[1] == 0);
        return new Sample(wall, usecWithoutInfo, usecAll, cpu, tool);
    }

    private static void profile(Settings settings, String tool, Scenario scenario, int n, int i, Sample sample) {
        if (!settings.profile()) {
            return;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "[profile] %s %s N=%d #%d: %.1f ms, usec %d (all %d), cpu %d:", tool, scenario.label(), n, i,
                sample.wallNanos() / 1e6, sample.usecWithoutInfo(), sample.usecAll(), sample.cpuUsec()));
        sample.commands().forEach((cmd, v) -> line.append(' ').append(cmd).append('=').append(v[0]).append('/').append(v[1]).append("us"));
        System.out.println(line);
    }

    /** Commandstats (calls, usec per command) and process CPU of the server at one moment. */
    record Stats(Map<String, long[]> commands, long cpuUsec) {
        static final Pattern CMDSTAT = Pattern.compile("^cmdstat_([^:]+):calls=(\\d+),usec=(\\d+)");

        static Stats parse(String info) {
            Map<String, long[]> commands = new TreeMap<>();
            double cpuSeconds = 0;
            for (String line : info.split("\r?\n")) {
                Matcher m = CMDSTAT.matcher(line);
                if (m.find()) {
                    commands.put(m.group(1), new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
                } else if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                    cpuSeconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return new Stats(commands, Math.round(cpuSeconds * 1e6));
        }

        Map<String, long[]> minus(Stats earlier) {
            Map<String, long[]> delta = new TreeMap<>();
            commands.forEach((cmd, v) -> {
                long[] e = earlier.commands().getOrDefault(cmd, new long[2]);
                if (v[0] != e[0] || v[1] != e[1]) {
                    delta.put(cmd, new long[] {v[0] - e[0], v[1] - e[1]});
                }
            });
            return delta;
        }
    }

    // ---------------------------------------------------------------- redis_exporter

    static String exporterVersion() {
        String out = commandOutput(List.of(EXPORTER, "-version"), 10);
        Matcher m = Pattern.compile("Redis Metrics Exporter\\s+(\\S+)").matcher(out);
        return m.find() ? m.group(1) : out.strip();
    }

    /** The exporter process on a port of its own, scraping our server. */
    static final class Exporter implements AutoCloseable {
        private final Process process;
        private final URI metrics;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        private Exporter(Process process, int port) {
            this.process = process;
            this.metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
        }

        static Exporter start(int redisPort, Path log) throws IOException {
            int port = FreePorts.next();
            List<String> command = List.of(EXPORTER, "-redis.addr", "redis://127.0.0.1:" + redisPort,
                    "-web.listen-address", "127.0.0.1:" + port, "-check-streams", GLOB);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            Exporter exporter = new Exporter(process, port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("prometheus-redis-exporter exited:\n" + ServerLogs.tail(log, 20));
                }
                try {
                    exporter.scrape();
                    log("prometheus-redis-exporter on port " + port + ": " + String.join(" ", command));
                    return exporter;
                } catch (RuntimeException e) {
                    if (System.nanoTime() > deadline) {
                        exporter.close();
                        throw new IllegalStateException("prometheus-redis-exporter did not answer on " + exporter.metrics
                                + " within 30 s:\n" + ServerLogs.tail(log, 20), e);
                    }
                    sleep(100);
                }
            }
        }

        String scrape() {
            HttpRequest request = HttpRequest.newBuilder(metrics).timeout(POLL_TIMEOUT).GET().build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET " + metrics + " answered " + response.statusCode());
                }
                return response.body();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            ChildProcesses.stop(process, 10);
        }
    }

    /** What one /metrics answer held. */
    record ExporterOutput(long bytes, long series, long streamSeries, Map<String, Integer> streamSeriesByName, int streamsCovered,
            String up, String lastScrapeError, Double lastScrapeSeconds) {

        static final Pattern STREAM_LABEL = Pattern.compile("stream=\"([^\"]*)\"");
        static final Pattern ERR_LABEL = Pattern.compile("err=\"([^\"]*)\"");

        static ExporterOutput parse(String body) {
            long series = 0;
            long streamSeries = 0;
            Map<String, Integer> byName = new TreeMap<>();
            Set<String> streams = new TreeSet<>();
            String up = null;
            String error = null;
            Double lastScrape = null;
            for (String line : body.split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                series++;
                int end = 0;
                while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                    end++;
                }
                String name = line.substring(0, end);
                String value = line.substring(line.lastIndexOf(' ') + 1);
                if (name.startsWith("redis_stream_")) {
                    streamSeries++;
                    byName.merge(name, 1, Integer::sum);
                    if (name.equals("redis_stream_length")) {
                        Matcher m = STREAM_LABEL.matcher(line);
                        if (m.find()) {
                            streams.add(m.group(1));
                        }
                    }
                } else if (name.equals("redis_up")) {
                    up = value;
                } else if (name.equals("redis_exporter_last_scrape_error")) {
                    Matcher m = ERR_LABEL.matcher(line);
                    if (!"0".equals(value)) {
                        error = m.find() ? m.group(1) : "value " + value;
                    }
                } else if (name.equals("redis_exporter_last_scrape_duration_seconds")) {
                    lastScrape = Double.parseDouble(value);
                }
            }
            // The exposition text is ASCII here (label values are our own key names): chars are bytes.
            return new ExporterOutput(body.length(), series, streamSeries, byName, streams.size(), up, error, lastScrape);
        }
    }

    /** Errors the exporter logged during the run. */
    record ExporterLog(long errorLines, List<String> samples) {
        static ExporterLog read(Path log) throws IOException {
            if (!Files.exists(log)) {
                return new ExporterLog(0, List.of());
            }
            long errors = 0;
            Map<String, Integer> distinct = new LinkedHashMap<>();
            for (String line : Files.readAllLines(log)) {
                if (line.contains("level=error") || line.contains("level=fatal")) {
                    errors++;
                    Matcher m = Pattern.compile("msg=\"(.*)\"").matcher(line);
                    String msg = m.find() ? m.group(1) : line;
                    // Group messages that differ only by numbers (key names of the data set).
                    String shape = msg.replaceAll("\\d+", "N");
                    distinct.merge(shape, 1, Integer::sum);
                }
            }
            List<String> samples = new ArrayList<>();
            distinct.entrySet().stream().limit(5).forEach(e -> samples.add(e.getValue() + " × " + e.getKey()));
            return new ExporterLog(errors, samples);
        }
    }

    // ---------------------------------------------------------------- report

    /** One value a monitor may collect: the StreamFit record field holding it and the keywords of an exporter metric for it. */
    record Concept(String label, Class<? extends Record> type, String field, List<String> exporterKeywords) {

        String streamFit(RedisTargetSnapshot snapshot) {
            if (Arrays.stream(type.getRecordComponents()).noneMatch(c -> c.getName().equals(field))) {
                return "—";
            }
            long[] counts = new long[2];
            tally(snapshot.streams(), counts);
            return "`" + type.getSimpleName().replace("Redis", "").replace("Snapshot", "").toLowerCase(Locale.ROOT) + "."
                    + field + "` (" + counts[1] + " of " + counts[0] + ")";
        }

        private void tally(Object value, long[] counts) {
            if (value instanceof Collection<?> items) {
                items.forEach(item -> tally(item, counts));
            } else if (value instanceof Record record) {
                for (RecordComponent c : record.getClass().getRecordComponents()) {
                    Object v;
                    try {
                        v = c.getAccessor().invoke(record);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                    if (type.isInstance(record) && c.getName().equals(field)) {
                        counts[0]++;
                        if (v != null) {
                            counts[1]++;
                        }
                    }
                    tally(v, counts);
                }
            }
        }

        String exporter(Set<String> metricNames) {
            List<String> found = metricNames.stream()
                    .filter(name -> exporterKeywords.stream().anyMatch(name::contains)).map(n -> "`" + n + "`").toList();
            return found.isEmpty() ? "none (no metric name contains " + String.join(" or ", exporterKeywords.stream()
                    .map(k -> "`" + k + "`").toList()) + ")" : String.join(", ", found);
        }
    }

    static final List<Concept> CONCEPTS = List.of(
            new Concept("stream length", RedisStreamSnapshot.class, "length", List.of("stream_length")),
            new Concept("stream memory", RedisStreamSnapshot.class, "memoryBytes", List.of("memory", "bytes")),
            new Concept("oldest entry age", RedisStreamSnapshot.class, "oldestEntryAgeSeconds", List.of("_age", "first_entry")),
            new Concept("group lag (entries)", RedisGroupSnapshot.class, "lag", List.of("lag")),
            new Concept("group lag (seconds)", RedisGroupSnapshot.class, "lagSeconds", List.of("lag_seconds")),
            new Concept("group pending", RedisGroupSnapshot.class, "pending", List.of("group_messages_pending")),
            new Concept("group entries read", RedisGroupSnapshot.class, "entriesRead", List.of("entries_read")),
            new Concept("oldest pending entry idle", RedisGroupSnapshot.class, "oldestPendingIdleSeconds",
                    List.of("pending_idle", "oldest_pending")),
            new Concept("delivery count of oldest pending", RedisGroupSnapshot.class, "maxDeliveryCount", List.of("delivery", "deliveries")),
            new Concept("consumer pending", dev.streamfit.redis.RedisConsumerSnapshot.class, "pending",
                    List.of("consumer_messages_pending")),
            new Concept("consumer idle", dev.streamfit.redis.RedisConsumerSnapshot.class, "idleSeconds",
                    List.of("consumer_idle")));

    static String report(Settings settings, List<SizeResult> results, DataSet data, JitWarmup jit, String redisVersion,
            String exporterVersion, double idleCpuUsecPerSecond, ExporterLog exporterLog, String load) {
        StringBuilder md = new StringBuilder();
        md.append(SECTION).append("\n\n");
        md.append("StreamFit's Redis Streams poll (`RedisTargetPoller.poll()`) and Debian's `prometheus-redis-exporter` "
                + "(`-check-streams '").append(GLOB).append("'`, other flags at their defaults) read the same streams on "
                + "the same `redis-server`, one after the other, in the same run, in each scenario. Generated by "
                + "`src/test/java/dev/streamfit/bench/RedisStreamsBenchmark.java`; every figure below comes from that run.\n\n");
        md.append("- Date: ").append(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        md.append("- Machine: ").append(nproc()).append(" CPUs (").append(cpuModel()).append("), ").append(totalRam())
                .append(" RAM; Java ").append(System.getProperty("java.runtime.version")).append(" (")
                .append(System.getProperty("java.vm.name")).append("); redis-server ").append(redisVersion)
                .append(" (no persistence, own port); prometheus-redis-exporter ").append(exporterVersion)
                .append("; load average (1/5/15 min) ").append(load).append('\n');
        md.append("- Reproduce: `").append(settings.command()).append("` (options, in `BENCH_OPTS` or as arguments: "
                + "`-Dbench.sizes=1000,10000`, `-Dbench.scenarios=quiet,busy`, `-Dbench.polls=7`, `-Dbench.warmups=2`, "
                + "`-Dbench.jitWarmupSeconds=20`, `-Dbench.profile=true`)\n");
        if (jit != null && jit.polls() > 0) {
            md.append(String.format(Locale.ROOT, "- JVM warm-up before any measurement: StreamFit polled the first size (%d streams, "
                    + "quiet) %d times in %.1f s (first poll %.1f ms, last %.1f ms), as a long-running StreamFit would have; the "
                    + "exporter is a compiled Go binary. `-Dbench.jitWarmupSeconds=0` skips this.%n",
                    jit.streams(), jit.polls(), jit.seconds(), jit.firstMillis(), jit.lastMillis()));
        } else {
            md.append("- No JVM warm-up beyond the per-size warm-up polls (`-Dbench.jitWarmupSeconds=0`): the first "
                    + "size's StreamFit figures include JIT compilation.\n");
        }
        md.append("- Per size and scenario (scenarios in the order ")
                .append(String.join(", ", settings.scenarios().stream().map(Scenario::label).toList())).append("): ")
                .append(settings.warmups()).append(" warm-up then ").append(settings.polls())
                .append(" measured polls (StreamFit, on a new poller: nothing remembered from another size or scenario) and "
                        + "scrapes (exporter, `GET /metrics` with `java.net.http.HttpClient`); medians reported.\n");
        md.append("- Data set: N streams `").append(STREAM_PREFIX).append("<i>` of ").append(ENTRIES)
                .append(" entries (3 fields each, one second apart), each with groups g1 (2 consumers, read and acked all: "
                        + "caught up), g2 (c1 read 20, acked 15: 5 pending, lag 10; c2 idle) and g3 (c1 read 10, c2 read 5, "
                        + "none acked: 15 pending, lag 15); plus ")
                .append(UNRELATED_STRINGS).append(" unrelated strings and ").append(GLOB_MATCHING_STRINGS)
                .append(" strings that match the glob (`").append(STREAM_PREFIX).append("config:<i>`) but are not streams. "
                        + "Streams are added between sizes, never reloaded.\n");
        scenarios(md, settings, results, data);
        md.append("- Redis usec: the sum of `usec` over all `cmdstat_*` lines of `INFO commandstats`, after minus before "
                + "one poll/scrape, **excluding `cmdstat_info`** (so neither tool's own INFO nor the benchmark's readings "
                + "count). \"incl. INFO\" adds the tools' own INFO calls back (the benchmark's reading is measured by a "
                + "calibration reading just before and subtracted). Redis CPU: `used_cpu_sys + used_cpu_user` of `INFO cpu`, "
                + "same delta, the whole server process (I/O, protocol parsing and connection setup included; "
                + "idle background ≈ ").append(Math.round(idleCpuUsecPerSecond)).append(" usec per second measured after the run). "
                + "The busy scenario's writes end before the \"before\" reading: they are in none of these figures.\n");
        md.append("- StreamFit's time is the poll into its in-memory snapshot; the exporter's is the full `GET /metrics` "
                + "(collection plus rendering and transferring the text). The exporter's own "
                + "`redis_exporter_last_scrape_duration_seconds` (collection only) is shown separately.\n\n");

        md.append("| scenario | N streams | StreamFit poll median ms | exporter scrape median ms | speed-up (×) "
                + "| StreamFit Redis usec/poll | exporter Redis usec/scrape | ratio (StreamFit / exporter usec) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Scenario scenario : settings.scenarios()) {
            for (SizeResult r : resultsOf(results, scenario)) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %d | %d | %.2f |%n",
                        scenario.label(), r.streams(), r.streamfit().medianMillis(), r.exporter().medianMillis(), r.speedUp(),
                        r.streamfit().medianUsec(), r.exporter().medianUsec(), r.usecRatio()));
            }
        }
        for (Scenario scenario : settings.scenarios()) {
            scenarioDetails(md, scenario, resultsOf(results, scenario));
        }

        SizeResult largest = resultsOf(results, settings.scenarios().get(0)).get(settings.sizes().size() - 1);
        md.append("\n### What each collected\n\nAt N = ").append(largest.streams()).append(", last measured poll and scrape of the ")
                .append(largest.scenario().label()).append(" scenario:\n\n");
        Coverage sfc = largest.streamfit().coverage();
        md.append("- StreamFit: ").append(sfc.streams()).append(" streams in the snapshot (the ").append(GLOB_MATCHING_STRINGS)
                .append(" glob-matching strings skipped by `SCAN … TYPE stream`), ").append(sfc.values())
                .append(" non-null values in total; problems reported: ")
                .append(sfc.problems().isEmpty() ? "none" : String.join("; ", sfc.problems())).append('\n');
        for (String d : sfc.details()) {
            md.append("  - ").append(d).append('\n');
        }
        Coverage exc = largest.exporter().coverage();
        md.append("- redis_exporter: ").append(exc.values()).append(" `redis_stream_*` series covering ").append(exc.streams())
                .append(" distinct streams (by the `stream` label of `redis_stream_length`)")
                .append(exc.streams() == largest.streams() ? ", i.e. all of them" : ", NOT all " + largest.streams())
                .append("; ").append(exc.problems().isEmpty() ? "no scrape error" : String.join("; ", exc.problems()))
                .append(". Its answer and the stream metrics in it:\n");
        for (String d : exc.details()) {
            md.append("  - ").append(d).append('\n');
        }
        md.append("\nSide by side (StreamFit: record field and how many of its values were non-null in the last snapshot; "
                + "exporter: stream metric names in its last output that contain the keyword):\n\n");
        md.append("| value | StreamFit | redis_exporter |\n|---|---|---|\n");
        for (Concept concept : CONCEPTS) {
            md.append("| ").append(concept.label()).append(" | ").append(concept.streamFit(sfc.snapshot())).append(" | ")
                    .append(concept.exporter(exc.metricNames())).append(" |\n");
        }
        md.append('\n');
        md.append("- redis_exporter's log during the run: ").append(exporterLog.errorLines()).append(" error lines");
        if (!exporterLog.samples().isEmpty()) {
            md.append(", by kind:\n");
            for (String s : exporterLog.samples()) {
                md.append("  - `").append(s.replace('`', '\'')).append("`\n");
            }
        } else {
            md.append(".\n");
        }
        return md.toString();
    }

    private static List<SizeResult> resultsOf(List<SizeResult> results, Scenario scenario) {
        return results.stream().filter(r -> r.scenario() == scenario).toList();
    }

    /** The bullet saying what each scenario does, with what StreamFit's largest polls ran in it. */
    private static void scenarios(StringBuilder md, Settings settings, List<SizeResult> results, DataSet data) {
        md.append("- Scenarios (`-Dbench.scenarios`), each measured for both tools under the same conditions. They exist "
                + "because StreamFit remembers, per stream, what cannot change while the stream does not: it runs "
                + "`MEMORY USAGE` again only when the stream's length, IDs or groups changed, and "
                + "`XRANGE key (<last-delivered-id> + COUNT 1` (a lagging group's first undelivered entry) only when the "
                + "group moved or entries were trimmed or deleted. The exporter remembers nothing between scrapes.\n");
        md.append("  - quiet: nothing is written, so from StreamFit's second poll on (warm-up polls come first) every "
                + "stream is unchanged and it reuses the memory and first undelivered entries it measured before. This "
                + "flatters StreamFit.\n");
        md.append("  - busy: before every poll and scrape, warm-ups included, the benchmark appends one entry to every "
                + "stream and g1 reads (c1) and acks it, pipelined (XADD, XREADGROUP, XACK per stream, ")
                .append(LOAD_CHUNK).append(" commands per round trip). Every stream changed since the previous poll: "
                        + "StreamFit measures each stream's memory again. g1 moved but is caught up again (no first "
                        + "undelivered entry to look up); g2 and g3 did not move, and nothing was trimmed or deleted, so the "
                        + "entry after their last-delivered ID is the same as before and StreamFit may still reuse it. "
                        + "Streams are never trimmed: every busy poll or scrape adds one entry to every stream and one to "
                        + "the lags of g2 and g3 (every StreamFit poll is checked for exactly that).");
        if (data.streams() > 0) {
            md.append(" By the end of the run `").append(STREAM_PREFIX).append("0` held ").append(ENTRIES + data.appended(0))
                    .append(" entries and `").append(STREAM_PREFIX).append(data.streams() - 1).append("` ")
                    .append(ENTRIES + data.appended(data.streams() - 1)).append(".");
        }
        md.append('\n');
        if (settings.scenarios().size() > 1 && settings.scenarios().indexOf(Scenario.BUSY) >= 0) {
            md.append("  - At each size the scenarios run one after the other on the same streams, so a scenario after "
                    + "busy, and every scenario at a later size, sees the entries busy appended before it.\n");
        }
        int largestN = settings.sizes().get(settings.sizes().size() - 1);
        StringBuilder ran = new StringBuilder();
        for (Scenario scenario : settings.scenarios()) {
            Map<String, double[]> commands = resultsOf(results, scenario).get(settings.sizes().size() - 1).streamfit()
                    .commandsPerPoll();
            ran.append(ran.isEmpty() ? "" : "; ").append(scenario.label()).append(": `MEMORY USAGE` ")
                    .append(String.format(Locale.ROOT, "%.0f", commands.getOrDefault("memory|usage", new double[2])[0]))
                    .append(", `XRANGE` ")
                    .append(String.format(Locale.ROOT, "%.0f", commands.getOrDefault("xrange", new double[2])[0]));
        }
        md.append("  - What StreamFit ran per measured poll at N = ").append(largestN).append(" (mean calls): ").append(ran)
                .append(".\n");
        md.append("  - The usec of one command in `INFO commandstats` is where Redis spent the time, not what leaving "
                + "that command out would save: commands on the same stream share its cache misses, and the first to "
                + "touch the stream's groups and consumers pays them. `MEMORY USAGE` walks every group and consumer of "
                + "the stream, and in busy it runs just before the stream's XPENDING and XINFO CONSUMERS");
        if (settings.scenarios().size() > 1) {
            md.append(" (StreamFit's XPENDING + XINFO CONSUMERS per poll at N = ").append(largestN).append(", the same calls "
                    + "in every scenario: ");
            StringBuilder usec = new StringBuilder();
            for (Scenario scenario : settings.scenarios()) {
                Map<String, double[]> commands = resultsOf(results, scenario).get(settings.sizes().size() - 1).streamfit()
                        .commandsPerPoll();
                double sum = commands.getOrDefault("xpending", new double[2])[1]
                        + commands.getOrDefault("xinfo|consumers", new double[2])[1];
                usec.append(usec.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.0f usec %s", sum, scenario.label()));
            }
            md.append(usec).append(")");
        }
        md.append(". The busy scenario's writes also touch every stream just before each poll and scrape.\n");
    }

    /** Spread, growth and commands of one scenario. */
    private static void scenarioDetails(StringBuilder md, Scenario scenario, List<SizeResult> results) {
        md.append("\n### Scenario ").append(scenario.label()).append("\n\n");
        md.append("Spread and second figures (medians unless said):\n\n");
        md.append("| N streams | StreamFit ms min–max | exporter ms min–max | exporter self-reported collect ms "
                + "| StreamFit usec incl. INFO | exporter usec incl. INFO | StreamFit Redis CPU usec | exporter Redis CPU usec "
                + "| CPU ratio |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SizeResult r : results) {
            double self = r.exporter().selfReportedSeconds().isEmpty() ? Double.NaN
                    : median(r.exporter().selfReportedSeconds()) * 1000;
            md.append(String.format(Locale.ROOT, "| %d | %.1f–%.1f | %.1f–%.1f | %.1f | %d | %d | %d | %d | %.2f |%n",
                    r.streams(), r.streamfit().minMillis(), r.streamfit().maxMillis(), r.exporter().minMillis(),
                    r.exporter().maxMillis(), self, r.streamfit().medianUsecAll(), r.exporter().medianUsecAll(),
                    r.streamfit().medianCpuUsec(), r.exporter().medianCpuUsec(),
                    (double) r.streamfit().medianCpuUsec() / r.exporter().medianCpuUsec()));
        }

        md.append("\nGrowth (median ms per 1000 streams; flat means linear):\n\n");
        md.append("| N streams | StreamFit ms / 1000 streams | exporter ms / 1000 streams | StreamFit Redis usec / stream "
                + "| exporter Redis usec / stream |\n");
        md.append("|---:|---:|---:|---:|---:|\n");
        for (SizeResult r : results) {
            double k = r.streams() / 1000.0;
            md.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.1f | %.1f |%n", r.streams(),
                    r.streamfit().medianMillis() / k, r.exporter().medianMillis() / k,
                    (double) r.streamfit().medianUsec() / r.streams(), (double) r.exporter().medianUsec() / r.streams()));
        }

        SizeResult largest = results.get(results.size() - 1);
        md.append("\nRedis commands per poll/scrape at N = ").append(largest.streams())
                .append(" (mean calls and usec over the measured ones; `info` is the tool's own):\n\n");
        md.append("| command | StreamFit calls | StreamFit usec | exporter calls | exporter usec |\n");
        md.append("|---|---:|---:|---:|---:|\n");
        Map<String, double[]> sf = largest.streamfit().commandsPerPoll();
        Map<String, double[]> ex = largest.exporter().commandsPerPoll();
        Set<String> commands = new TreeSet<>(sf.keySet());
        commands.addAll(ex.keySet());
        for (String cmd : commands) {
            double[] a = sf.getOrDefault(cmd, new double[2]);
            double[] b = ex.getOrDefault(cmd, new double[2]);
            // GFM splits table cells on '|' even inside code spans: escape it.
            md.append(String.format(Locale.ROOT, "| `%s` | %.0f | %.0f | %.0f | %.0f |%n", cmd.replace("|", "\\|"),
                    a[0], a[1], b[0], b[1]));
        }
    }

    // ---------------------------------------------------------------- helpers

    static String infoField(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).strip();
            }
        }
        return "unknown";
    }

    static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    static void log(String message) {
        System.out.println("[bench] " + message);
    }

    // ---------------------------------------------------------------- a minimal RESP2 client

    /** Blocking RESP2 over one socket: for loading in pipelined chunks and for the INFO readings. */
    static final class Resp implements AutoCloseable {
        /** An error reply. */
        record Error(String message) {
        }

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Resp(int port) throws IOException {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setTcpNoDelay(true);
            out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        }

        Object call(String... args) {
            try {
                write(args);
                out.flush();
                Object reply = read();
                if (reply instanceof Error e) {
                    throw new IllegalStateException(String.join(" ", args) + ": " + e.message());
                }
                return reply instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : reply;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String info(String... sections) {
            String[] args = new String[sections.length + 1];
            args[0] = "INFO";
            System.arraycopy(sections, 0, args, 1, sections.length);
            return (String) call(args);
        }

        Stats stats() {
            return Stats.parse(info("cpu", "commandstats"));
        }

        Pipeline pipeline(int chunk) {
            return new Pipeline(chunk);
        }

        /** Commands written in chunks; each chunk's replies read after it is sent; any error reply fails the run. */
        final class Pipeline {
            private final int chunk;
            private final List<String[]> pending = new ArrayList<>();

            Pipeline(int chunk) {
                this.chunk = chunk;
            }

            void add(String... args) {
                pending.add(args);
                if (pending.size() >= chunk) {
                    sync();
                }
            }

            void sync() {
                try {
                    for (String[] args : pending) {
                        write(args);
                    }
                    out.flush();
                    for (String[] args : pending) {
                        if (read() instanceof Error e) {
                            throw new IllegalStateException(args[0] + " " + (args.length > 1 ? args[1] : "") + ": " + e.message());
                        }
                    }
                    pending.clear();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        private void write(String[] args) throws IOException {
            out.write(('*' + String.valueOf(args.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                out.write(('$' + String.valueOf(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.write('\r');
                out.write('\n');
            }
        }

        private Object read() throws IOException {
            int type = in.read();
            if (type < 0) {
                throw new IOException("connection closed by redis-server");
            }
            String line = readLine();
            switch (type) {
                case '+':
                    return line;
                case '-':
                    return new Error(line);
                case ':':
                    return Long.parseLong(line);
                case '$': {
                    int len = Integer.parseInt(line);
                    if (len < 0) {
                        return null;
                    }
                    byte[] data = in.readNBytes(len);
                    if (data.length != len || in.read() != '\r' || in.read() != '\n') {
                        throw new IOException("truncated bulk reply");
                    }
                    return data;
                }
                case '*': {
                    int n = Integer.parseInt(line);
                    if (n < 0) {
                        return null;
                    }
                    List<Object> items = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        items.add(read());
                    }
                    return items;
                }
                default:
                    throw new IOException("unexpected RESP type byte " + type);
            }
        }

        private String readLine() throws IOException {
            StringBuilder sb = new StringBuilder();
            while (true) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("connection closed by redis-server");
                }
                if (c == '\r') {
                    if (in.read() != '\n') {
                        throw new IOException("malformed RESP line");
                    }
                    return sb.toString();
                }
                sb.append((char) c);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
