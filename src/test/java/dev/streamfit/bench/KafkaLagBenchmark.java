package dev.streamfit.bench;

import static dev.streamfit.bench.BenchmarkReport.commandOutput;
import static dev.streamfit.bench.BenchmarkReport.cpuModel;
import static dev.streamfit.bench.BenchmarkReport.loadAverage;
import static dev.streamfit.bench.BenchmarkReport.median;
import static dev.streamfit.bench.BenchmarkReport.nproc;
import static dev.streamfit.bench.BenchmarkReport.totalRam;
import static dev.streamfit.bench.BenchmarkReport.writeSection;
import static dev.streamfit.support.RedisServer.sleep;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.streamfit.history.KafkaHistory;
import dev.streamfit.history.SampleRing;
import dev.streamfit.kafka.KafkaGroupSnapshot;
import dev.streamfit.kafka.KafkaLag;
import dev.streamfit.kafka.KafkaPartitionSnapshot;
import dev.streamfit.kafka.KafkaTargetPoller;
import dev.streamfit.kafka.KafkaTargetSnapshot;
import dev.streamfit.kafka.KafkaTopicSnapshot;
import dev.streamfit.support.KafkaBroker;
import dev.streamfit.support.ServerLogs;
import dev.streamfit.support.TestKafkaTarget;

/**
 * StreamFit's Kafka poll against Kafka's own {@code kafka-consumer-groups --describe --all-groups}
 * (ConsumerGroupCommand), both reading the same consumer groups on the same single-node KRaft broker
 * in the same run. Not a JUnit test: run it with {@code scripts/bench-kafka}; it writes the section
 * "Kafka poll vs kafka-consumer-groups" of docs/benchmarks.md from what it measured.
 *
 * <p>Data set: {@code bench.topics} topics of {@code bench.partitions} partitions, 20–50 records
 * each; {@code bench.groups} consumer groups without members, each with committed offsets on all
 * partitions of {@code bench.topicsPerGroup} topics (caught up, a few behind, half way, or at 0).
 * It is built in stages (default 50 topics/10 groups, then all topics/100 groups, then all
 * groups); StreamFit is polled at each stage to show that its requests per poll do not grow with
 * partitions or groups. The command runs at the last stage only.
 *
 * <p>System properties: {@code bench.topics} (250), {@code bench.partitions} (20), {@code bench.groups}
 * (500), {@code bench.topicsPerGroup} (5), {@code bench.stages} ("topics:groups,…", default
 * 50:10,250:100,250:500 scaled to the above; the last one must be all of them), {@code bench.polls}
 * (measured StreamFit polls at the last stage, 7), {@code bench.stagePolls} (at the earlier stages,
 * 3), {@code bench.warmups} (2), {@code bench.commandRuns} (5), {@code bench.baselineRuns}
 * ({@code --list} runs, 3), {@code bench.inProcessRuns} (the command's main called in this JVM, 3),
 * {@code bench.historySamples} (200), {@code bench.historySpacingSeconds} (30), {@code bench.window}
 * (PT1H), {@code bench.out} (docs/benchmarks.md).
 */
public final class KafkaLagBenchmark {

    static final String SECTION = "## Kafka poll vs kafka-consumer-groups";
    static final String TOPIC_PREFIX = "bench-topic-";
    static final String GROUP_PREFIX = "bench-group-";
    static final String COMMAND_CLASS = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand";
    /** What bin/kafka-run-class.sh puts before the class when KAFKA_HEAP_OPTS and KAFKA_JVM_PERFORMANCE_OPTS are unset. */
    static final List<String> KAFKA_RUN_CLASS_JVM_OPTIONS = List.of("-Xmx256M", "-server", "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent",
            "-Djava.awt.headless=true");
    static final int MIN_RECORDS = 20;
    static final int MAX_RECORDS = 50;
    static final int CREATE_TOPICS_PER_CALL = 50;
    static final int COMMITS_IN_FLIGHT = 8;
    static final Duration POLL_TIMEOUT = Duration.ofMinutes(2);
    static final Duration ADMIN_TIMEOUT = Duration.ofMinutes(2);
    static final String KAFKA_VERSION = org.apache.kafka.common.utils.AppInfoParser.getVersion();

    private KafkaLagBenchmark() {
    }

    // ---------------------------------------------------------------- settings

    /** One step of the data set: the first {@code topics} topics and the first {@code groups} groups exist. */
    record Stage(int topics, int groups) {
        String label() {
            return topics + " topics, " + groups + " groups";
        }
    }

    record Settings(int topics, int partitions, int groups, int topicsPerGroup, List<Stage> stages, int polls, int stagePolls,
            int warmups, int commandRuns, int baselineRuns, int inProcessRuns, int historySamples, int historySpacingSeconds,
            Duration window, Path out) {

        static final List<String> KEYS = List.of("bench.topics", "bench.partitions", "bench.groups", "bench.topicsPerGroup",
                "bench.stages", "bench.polls", "bench.stagePolls", "bench.warmups", "bench.commandRuns", "bench.baselineRuns",
                "bench.inProcessRuns", "bench.historySamples", "bench.historySpacingSeconds", "bench.window", "bench.out");

        static Settings fromSystemProperties() {
            int topics = Integer.getInteger("bench.topics", 250);
            int partitions = Integer.getInteger("bench.partitions", 20);
            int groups = Integer.getInteger("bench.groups", 500);
            int topicsPerGroup = Integer.getInteger("bench.topicsPerGroup", 5);
            if (topics < 1 || partitions < 1 || groups < 1 || topicsPerGroup < 1 || topicsPerGroup > topics) {
                throw new IllegalArgumentException("bench.topics, bench.partitions, bench.groups must be >= 1 and "
                        + "1 <= bench.topicsPerGroup <= bench.topics");
            }
            String defaultStages = Math.max(topicsPerGroup, topics / 5) + ":" + Math.max(1, Math.min(groups / 50, topics / 5 / topicsPerGroup))
                    + "," + topics + ":" + Math.max(1, groups / 5) + "," + topics + ":" + groups;
            List<Stage> stages = new ArrayList<>();
            for (String item : System.getProperty("bench.stages", defaultStages).split(",")) {
                String[] parts = item.trim().split(":");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("bench.stages: 'topics:groups' items, got '" + item + "'");
                }
                Stage stage = new Stage(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
                if (!stages.contains(stage)) {
                    stages.add(stage);
                }
            }
            Settings settings = new Settings(topics, partitions, groups, topicsPerGroup, List.copyOf(stages),
                    Integer.getInteger("bench.polls", 7), Integer.getInteger("bench.stagePolls", 3),
                    Integer.getInteger("bench.warmups", 2), Integer.getInteger("bench.commandRuns", 5),
                    Integer.getInteger("bench.baselineRuns", 3), Integer.getInteger("bench.inProcessRuns", 3),
                    Integer.getInteger("bench.historySamples", 200), Integer.getInteger("bench.historySpacingSeconds", 30),
                    Duration.parse(System.getProperty("bench.window", "PT1H")),
                    Path.of(System.getProperty("bench.out", "docs/benchmarks.md")));
            settings.validate();
            return settings;
        }

        void validate() {
            if (polls < 1 || stagePolls < 1 || warmups < 0 || commandRuns < 1 || baselineRuns < 0 || inProcessRuns < 0
                    || historySamples < 1 || historySpacingSeconds < 1) {
                throw new IllegalArgumentException("bench.polls, bench.stagePolls, bench.commandRuns, bench.historySamples, "
                        + "bench.historySpacingSeconds must be >= 1; bench.warmups, bench.baselineRuns, bench.inProcessRuns >= 0");
            }
            Stage last = stages.get(stages.size() - 1);
            if (last.topics() != topics || last.groups() != groups) {
                throw new IllegalArgumentException("bench.stages must end with all of them: " + topics + ":" + groups);
            }
            Stage previous = new Stage(0, 0);
            for (Stage stage : stages) {
                if (stage.topics() < previous.topics() || stage.groups() < previous.groups() || stage.topics() < 1
                        || stage.topics() > topics || stage.groups() > groups) {
                    throw new IllegalArgumentException("bench.stages must grow and stay within " + topics + ":" + groups + ": " + stages);
                }
                for (int g = 0; g < stage.groups(); g++) {
                    for (int topic : topicsOf(g)) {
                        if (topic >= stage.topics()) {
                            throw new IllegalArgumentException("stage " + stage + ": group " + g + " commits on topic " + topic
                                    + ", which does not exist yet; give that stage more topics or fewer groups");
                        }
                    }
                }
                previous = stage;
            }
        }

        /** The topics group {@code g} has committed offsets on: consecutive, wrapping around. */
        int[] topicsOf(int g) {
            int[] result = new int[topicsPerGroup];
            for (int j = 0; j < topicsPerGroup; j++) {
                result[j] = (g * topicsPerGroup + j) % topics;
            }
            return result;
        }

        int groupPartitions(int groupCount) {
            return groupCount * topicsPerGroup * partitions;
        }

        /** How to run this again with the same options. */
        String command() {
            List<String> opts = new ArrayList<>();
            for (String key : KEYS) {
                if (System.getProperty(key) != null) {
                    opts.add("-D" + key + "=" + System.getProperty(key));
                }
            }
            return opts.isEmpty() ? "scripts/bench-kafka" : "BENCH_OPTS='" + String.join(" ", opts) + "' scripts/bench-kafka";
        }
    }

    static String topicName(int t) {
        return TOPIC_PREFIX + String.format(Locale.ROOT, "%03d", t);
    }

    static String groupName(int g) {
        return GROUP_PREFIX + String.format(Locale.ROOT, "%03d", g);
    }

    /** Records produced to one partition: 20–50, varying over topics and partitions. */
    static int recordsIn(int topic, int partition) {
        return MIN_RECORDS + Math.floorMod(topic * 31 + partition * 7, MAX_RECORDS - MIN_RECORDS + 1);
    }

    /**
     * What group {@code g} commits on a partition whose log ends at {@code logEnd}: caught up, 1–5
     * behind, half way, or nothing consumed yet (offset 0) — a mix within every group.
     */
    static long committedOffset(int g, int topic, int partition, long logEnd) {
        return switch (Math.floorMod(g + topic + partition, 4)) {
            case 0 -> logEnd;
            case 1 -> Math.max(0, logEnd - 1 - partition % 5);
            case 2 -> logEnd / 2;
            default -> 0;
        };
    }

    // ---------------------------------------------------------------- main

    public static void main(String[] args) {
        try {
            benchmark();
        } catch (Throwable e) {
            // The Kafka clients' and Mutiny's threads would keep a failed run alive.
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    static void benchmark() throws Exception {
        Settings settings = Settings.fromSystemProperties();
        Logger kafkaLogs = quietKafkaLogs();
        log(settings.topics() + " topics x " + settings.partitions() + " partitions, " + settings.groups() + " groups x "
                + settings.topicsPerGroup() + " topics; stages " + settings.stages() + "; Kafka " + KAFKA_VERSION);
        String loadBefore = loadAverage();
        Result result;
        OtherLoad otherLoad = OtherLoad.start();
        try (KafkaBroker broker = KafkaBroker.start(); Admin admin = broker.admin()) {
            log("broker on " + broker.bootstrapServers());
            result = run(settings, broker, admin);
        } finally {
            otherLoad.stop();
        }
        Reference.reachabilityFence(kafkaLogs);
        String load = loadBefore + " before the run, " + loadAverage() + " after it; " + otherLoad.summary();
        String section = report(settings, result, load);
        writeSection(settings.out(), SECTION, section);
        log("wrote " + settings.out().toAbsolutePath());
        System.out.println();
        System.out.println(section);
    }

    /**
     * Watches, every 2 s, for other Maven builds, test JVMs or benchmarks on the machine (outside this
     * process and its children): on 2 cores they would slow both sides of the comparison.
     */
    static final class OtherLoad {
        private static final List<String> MARKERS = List.of("org.codehaus.plexus.classworlds.launcher.Launcher", "surefire",
                "dev.streamfit.bench.", "dev.streamfit.demo.");
        private final java.util.Set<String> seen = new java.util.TreeSet<>();
        private final Thread thread;
        private volatile boolean running = true;
        private int samples;
        private int busySamples;

        private OtherLoad() {
            this.thread = new Thread(this::watch, "bench-other-load");
            this.thread.setDaemon(true);
        }

        static OtherLoad start() {
            OtherLoad watcher = new OtherLoad();
            watcher.thread.start();
            return watcher;
        }

        private void watch() {
            long self = ProcessHandle.current().pid();
            while (running) {
                List<String> found = new ArrayList<>();
                ProcessHandle.allProcesses().filter(p -> p.pid() != self && !isOwn(p, self)).forEach(p -> {
                    String cmdline = cmdline(p);
                    for (String marker : MARKERS) {
                        if (cmdline.contains(marker)) {
                            found.add(switch (marker) {
                                case "dev.streamfit.bench." -> "another benchmark";
                                case "dev.streamfit.demo." -> "a StreamFit demo";
                                case "surefire" -> "surefire tests";
                                default -> "a Maven build";
                            });
                            break;
                        }
                    }
                });
                synchronized (this) {
                    samples++;
                    busySamples += found.isEmpty() ? 0 : 1;
                    seen.addAll(found);
                }
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private static boolean isOwn(ProcessHandle process, long self) {
            for (Optional<ProcessHandle> p = process.parent(); p.isPresent(); p = p.get().parent()) {
                if (p.get().pid() == self) {
                    return true;
                }
            }
            return false;
        }

        private static String cmdline(ProcessHandle process) {
            try {
                return Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline"), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }

        void stop() {
            running = false;
            thread.interrupt();
        }

        synchronized String summary() {
            return busySamples == 0 ? "no other Maven build, test run, benchmark or demo seen on the machine during the run (checked every 2 s)"
                    : "**other work ran during " + busySamples + " of " + samples + " checks (every 2 s): " + String.join(", ", seen)
                            + "** — figures may be slowed by it";
        }
    }

    record Setup(double createTopicsSeconds, double produceSeconds, long records, double commitSeconds) {
        Setup plus(Setup other) {
            return new Setup(createTopicsSeconds + other.createTopicsSeconds, produceSeconds + other.produceSeconds,
                    records + other.records, commitSeconds + other.commitSeconds);
        }
    }

    record Result(Setup setup, List<StageResult> stages, CommandResult command, Comparison comparison,
            Map<String, Integer> commandRequests, HistoryResult history, BrokerState broker) {
        StageResult full() {
            return stages.get(stages.size() - 1);
        }
    }

    static Result run(Settings settings, KafkaBroker broker, Admin admin) throws Exception {
        Map<TopicPartition, Long> logEnds = new HashMap<>();
        Setup setup = new Setup(0, 0, 0, 0);
        Stage previous = new Stage(0, 0);
        List<StageResult> stages = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers())) {
            for (Stage stage : settings.stages()) {
                setup = setup.plus(grow(settings, admin, producer, previous, stage, logEnds));
                log("stage " + stage.label() + ": " + stage.topics() * settings.partitions() + " partitions, "
                        + settings.groupPartitions(stage.groups()) + " group-partitions");
                boolean last = stage.equals(settings.stages().get(settings.stages().size() - 1));
                stages.add(measureStreamFit(settings, broker, stage, last ? settings.polls() : settings.stagePolls()));
                previous = stage;
            }
        }
        StageResult full = stages.get(stages.size() - 1);
        CommandResult command = measureCommand(settings, broker);
        Comparison comparison = compare(settings, full.lastSnapshot(), command.rows());
        log(comparison.summary());
        if (!comparison.ok()) {
            comparison.examples().forEach(e -> log("  " + e));
            throw new IllegalStateException("StreamFit's lag differs from kafka-consumer-groups' LAG: " + comparison.summary());
        }
        Map<String, Integer> commandRequests = profileCommand(broker);
        BrokerState brokerState = brokerState(broker);
        HistoryResult history = measureHistory(settings, full.lastSnapshot());
        return new Result(setup, stages, command, comparison, commandRequests, history, brokerState);
    }

    // ---------------------------------------------------------------- data set

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-producer");
        // Thousands of partitions with a few small records each: small batches, so that one buffer holds them all.
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "4096");
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(64L * 1024 * 1024));
        return new KafkaProducer<>(props);
    }

    /** Creates the topics and groups of {@code stage} that {@code previous} did not have. */
    static Setup grow(Settings settings, Admin admin, KafkaProducer<byte[], byte[]> producer, Stage previous, Stage stage,
            Map<TopicPartition, Long> logEnds) throws Exception {
        long start = System.nanoTime();
        for (int from = previous.topics(); from < stage.topics(); from += CREATE_TOPICS_PER_CALL) {
            List<NewTopic> batch = new ArrayList<>();
            for (int t = from; t < Math.min(stage.topics(), from + CREATE_TOPICS_PER_CALL); t++) {
                batch.add(new NewTopic(topicName(t), settings.partitions(), (short) 1));
            }
            await(admin.createTopics(batch).all());
        }
        double createSeconds = (System.nanoTime() - start) / 1e9;

        start = System.nanoTime();
        AtomicLong failures = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        long records = 0;
        for (int t = previous.topics(); t < stage.topics(); t++) {
            String topic = topicName(t);
            for (int p = 0; p < settings.partitions(); p++) {
                int count = recordsIn(t, p);
                for (int i = 0; i < count; i++) {
                    byte[] value = ("e" + i).getBytes(StandardCharsets.US_ASCII);
                    // Leaders may still be moving in right after creation: the producer retries on its own.
                    producer.send(new ProducerRecord<>(topic, p, null, value), (metadata, e) -> {
                        if (e != null) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, e);
                        }
                    });
                }
                records += count;
            }
        }
        producer.flush();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " records failed to produce", firstFailure.get());
        }
        List<TopicPartition> added = new ArrayList<>();
        for (int t = previous.topics(); t < stage.topics(); t++) {
            for (int p = 0; p < settings.partitions(); p++) {
                added.add(new TopicPartition(topicName(t), p));
            }
        }
        if (!added.isEmpty()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            added.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = await(admin.listOffsets(latest).all());
            for (TopicPartition tp : added) {
                long end = ends.get(tp).offset();
                int t = Integer.parseInt(tp.topic().substring(TOPIC_PREFIX.length()));
                if (end != recordsIn(t, tp.partition())) {
                    throw new IllegalStateException(tp + " ends at " + end + ", expected " + recordsIn(t, tp.partition()));
                }
                logEnds.put(tp, end);
            }
        }
        double produceSeconds = (System.nanoTime() - start) / 1e9;

        start = System.nanoTime();
        Semaphore inFlight = new Semaphore(COMMITS_IN_FLIGHT);
        List<KafkaFuture<Void>> commits = new ArrayList<>();
        for (int g = previous.groups(); g < stage.groups(); g++) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (int t : settings.topicsOf(g)) {
                for (int p = 0; p < settings.partitions(); p++) {
                    TopicPartition tp = new TopicPartition(topicName(t), p);
                    offsets.put(tp, new OffsetAndMetadata(committedOffset(g, t, p, logEnds.get(tp))));
                }
            }
            inFlight.acquire();
            KafkaFuture<Void> commit = admin.alterConsumerGroupOffsets(groupName(g), offsets).all();
            commit.whenComplete((ignored, e) -> inFlight.release());
            commits.add(commit);
        }
        await(KafkaFuture.allOf(commits.toArray(KafkaFuture[]::new)));
        double commitSeconds = (System.nanoTime() - start) / 1e9;
        log(String.format(Locale.ROOT, "created %d topics in %.1f s, produced %d records in %.1f s, committed %d groups in %.1f s",
                stage.topics() - previous.topics(), createSeconds, records, produceSeconds, stage.groups() - previous.groups(),
                commitSeconds));
        return new Setup(createSeconds, produceSeconds, records, commitSeconds);
    }

    static <T> T await(KafkaFuture<T> future) throws Exception {
        return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- StreamFit

    /** One measured poll: wall time, AdminClient requests, CPU of this JVM and of the broker. */
    record PollSample(double millis, long requests, double cpuMillis, double brokerCpuMillis) {
    }

    record StageResult(Stage stage, int partitions, int groupPartitions, int brokers, PollSample first, List<PollSample> samples,
            KafkaTargetSnapshot lastSnapshot, PollProfile profile) {
        double medianMillis() {
            return median(samples.stream().map(PollSample::millis).toList());
        }

        double medianRequests() {
            return median(samples.stream().map(s -> (double) s.requests()).toList());
        }

        long minRequests() {
            return samples.stream().mapToLong(PollSample::requests).min().orElse(-1);
        }

        long maxRequests() {
            return samples.stream().mapToLong(PollSample::requests).max().orElse(-1);
        }
    }

    /** A new poller per stage: its first poll (AdminClient creation, all topic configs) is reported apart. */
    static StageResult measureStreamFit(Settings settings, KafkaBroker broker, Stage stage, int polls) {
        KafkaTargetPoller poller = TestKafkaTarget.of(broker.bootstrapServers()).poller();
        try {
            PollSample first = null;
            List<PollSample> samples = new ArrayList<>();
            KafkaTargetSnapshot snapshot = null;
            for (int i = 0; i < settings.warmups() + polls; i++) {
                long requestsBefore = poller.requestsSent();
                double cpuBefore = processCpuMillis();
                double brokerBefore = brokerCpuMillis();
                long start = System.nanoTime();
                snapshot = poller.poll().await().atMost(POLL_TIMEOUT);
                double millis = (System.nanoTime() - start) / 1e6;
                PollSample sample = new PollSample(millis, poller.requestsSent() - requestsBefore, processCpuMillis() - cpuBefore,
                        brokerCpuMillis() - brokerBefore);
                verify(settings, stage, snapshot);
                if (i == 0) {
                    first = sample;
                }
                if (i >= settings.warmups()) {
                    samples.add(sample);
                }
                log(String.format(Locale.ROOT, "  StreamFit poll %d%s: %.1f ms, %d requests, JVM CPU %.0f ms, broker CPU %.0f ms", i,
                        i < settings.warmups() ? " (warm-up)" : "", millis, sample.requests(), sample.cpuMillis(),
                        sample.brokerCpuMillis()));
            }
            poller.close();
            PollProfile profile = profileStreamFit(broker);
            StageResult result = new StageResult(stage, stage.topics() * settings.partitions(), settings.groupPartitions(stage.groups()),
                    snapshot.brokers(), first, samples, snapshot, profile);
            log(String.format(Locale.ROOT, "stage %s: StreamFit median %.1f ms, %s requests per poll", stage.label(),
                    result.medianMillis(), range(result.minRequests(), result.maxRequests())));
            return result;
        } finally {
            poller.close();
        }
    }

    /** Fails the run when the poll did not see the whole data set of the stage. */
    static void verify(Settings settings, Stage stage, KafkaTargetSnapshot snapshot) {
        if (!snapshot.problems().isEmpty()) {
            throw new IllegalStateException("StreamFit's poll reported problems: " + snapshot.problems());
        }
        List<KafkaTopicSnapshot> topics = snapshot.topics().stream().filter(t -> t.topic().startsWith(TOPIC_PREFIX)).toList();
        long partitions = topics.stream().mapToLong(t -> t.partitions().size()).sum();
        long knownEnds = topics.stream().flatMap(t -> t.partitions().stream()).filter(p -> p.logEndOffset() != null).count();
        List<KafkaGroupSnapshot> groups = snapshot.groups().stream().filter(g -> g.group().startsWith(GROUP_PREFIX)).toList();
        long committed = groups.stream().mapToLong(g -> g.committed().size()).sum();
        if (topics.size() != stage.topics() || partitions != (long) stage.topics() * settings.partitions() || knownEnds != partitions
                || groups.size() != stage.groups() || committed != settings.groupPartitions(stage.groups())) {
            throw new IllegalStateException("StreamFit saw " + topics.size() + " topics, " + partitions + " partitions ("
                    + knownEnds + " with a log end), " + groups.size() + " groups, " + committed + " committed offsets; expected "
                    + stage.topics() + ", " + stage.topics() * settings.partitions() + ", " + stage.groups() + ", "
                    + settings.groupPartitions(stage.groups()));
        }
    }

    // ---------------------------------------------------------------- kafka-consumer-groups

    /** One row of {@code kafka-consumer-groups --describe}; null where it prints "-". */
    record Row(String group, String topic, int partition, Long currentOffset, Long logEndOffset, Long lag) {
    }

    record CommandRun(double millis, double brokerCpuMillis, int rows, int outputBytes) {
    }

    record CommandResult(List<CommandRun> describe, List<CommandRun> list, List<CommandRun> inProcess, List<Row> rows) {
        double medianMillis() {
            return median(describe.stream().map(CommandRun::millis).toList());
        }
    }

    static CommandResult measureCommand(Settings settings, KafkaBroker broker) {
        Path stderr = ServerLogs.logFile("kafka-consumer-groups-bench.log");
        try {
            Files.deleteIfExists(stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int expectedRows = settings.groupPartitions(settings.groups());
        List<String> describeArgs = List.of("--bootstrap-server", broker.bootstrapServers(), "--describe", "--all-groups");
        List<CommandRun> describe = new ArrayList<>();
        List<Row> rows = List.of();
        for (int i = 0; i < settings.commandRuns(); i++) {
            ChildRun run = runChild(describeArgs, stderr);
            rows = parseRows(run.stdout());
            if (rows.size() != expectedRows) {
                throw new IllegalStateException("kafka-consumer-groups printed " + rows.size() + " rows, expected " + expectedRows
                        + "; its stderr is in " + stderr + ", the start of its output:\n" + head(run.stdout(), 20));
            }
            describe.add(new CommandRun(run.millis(), run.brokerCpuMillis(), rows.size(), run.stdout().length()));
            log(String.format(Locale.ROOT, "  kafka-consumer-groups --describe --all-groups run %d: %.1f ms, %d rows, broker CPU %.0f ms",
                    i, run.millis(), rows.size(), run.brokerCpuMillis()));
        }
        List<CommandRun> list = new ArrayList<>();
        for (int i = 0; i < settings.baselineRuns(); i++) {
            ChildRun run = runChild(List.of("--bootstrap-server", broker.bootstrapServers(), "--list"), stderr);
            long groups = run.stdout().lines().filter(l -> l.startsWith(GROUP_PREFIX)).count();
            if (groups != settings.groups()) {
                throw new IllegalStateException("kafka-consumer-groups --list printed " + groups + " groups, expected " + settings.groups());
            }
            list.add(new CommandRun(run.millis(), run.brokerCpuMillis(), (int) groups, run.stdout().length()));
            log(String.format(Locale.ROOT, "  kafka-consumer-groups --list run %d: %.1f ms", i, run.millis()));
        }
        List<CommandRun> inProcess = new ArrayList<>();
        for (int i = 0; i < settings.inProcessRuns(); i++) {
            double brokerBefore = brokerCpuMillis();
            long start = System.nanoTime();
            String out = runInProcess(describeArgs);
            double millis = (System.nanoTime() - start) / 1e6;
            List<Row> inProcessRows = parseRows(out);
            if (inProcessRows.size() != expectedRows) {
                throw new IllegalStateException("ConsumerGroupCommand in this JVM printed " + inProcessRows.size() + " rows, expected "
                        + expectedRows);
            }
            inProcess.add(new CommandRun(millis, brokerCpuMillis() - brokerBefore, inProcessRows.size(), out.length()));
            log(String.format(Locale.ROOT, "  ConsumerGroupCommand.main in this JVM run %d: %.1f ms", i, millis));
        }
        CommandResult result = new CommandResult(describe, list, inProcess, rows);
        log(String.format(Locale.ROOT, "kafka-consumer-groups --describe --all-groups: median %.1f ms", result.medianMillis()));
        return result;
    }

    record ChildRun(double millis, double brokerCpuMillis, String stdout) {
    }

    /** The JVM as bin/kafka-consumer-groups.sh starts it (default heap and GC options), on this classpath. */
    static List<String> childCommand(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(KAFKA_RUN_CLASS_JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(COMMAND_CLASS);
        command.addAll(args);
        return command;
    }

    /** Wall time from starting the JVM to its exit with all of its output read. */
    static ChildRun runChild(List<String> args, Path stderr) {
        ProcessBuilder builder = new ProcessBuilder(childCommand(args))
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
        double brokerBefore = brokerCpuMillis();
        long start = System.nanoTime();
        try {
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("kafka-consumer-groups did not finish within 10 minutes");
            }
            double millis = (System.nanoTime() - start) / 1e6;
            double brokerCpu = brokerCpuMillis() - brokerBefore;
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kafka-consumer-groups " + args + " exited with " + process.exitValue()
                        + "; stderr in " + stderr + "; output:\n" + head(out, 40));
            }
            return new ChildRun(millis, brokerCpu, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** ConsumerGroupCommand's main in this JVM, its standard output captured: the command without a JVM start. */
    static String runInProcess(List<String> args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream(8 * 1024 * 1024);
        try (PrintStream capture = new PrintStream(captured, false, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            org.apache.kafka.tools.consumer.group.ConsumerGroupCommand.main(args.toArray(String[]::new));
            capture.flush();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    static final Pattern COUNT_OR_DASH = Pattern.compile("-|\\d+");

    /** The rows of {@code --describe} output; headers, notices and log lines are skipped. */
    static List<Row> parseRows(String output) {
        List<Row> rows = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length < 6 || !cols[0].startsWith(GROUP_PREFIX) || !cols[2].matches("\\d+")
                    || !COUNT_OR_DASH.matcher(cols[3]).matches() || !COUNT_OR_DASH.matcher(cols[4]).matches()
                    || !COUNT_OR_DASH.matcher(cols[5]).matches()) {
                continue;
            }
            rows.add(new Row(cols[0], cols[1], Integer.parseInt(cols[2]), number(cols[3]), number(cols[4]), number(cols[5])));
        }
        return rows;
    }

    private static Long number(String text) {
        return text.equals("-") ? null : Long.valueOf(text);
    }

    // ---------------------------------------------------------------- lag comparison

    record Comparison(int streamFitGroupPartitions, int commandRows, int compared, int lagMatches, int lagMismatches,
            int offsetMismatches, int logEndMismatches, int onlyInStreamFit, int onlyInCommand, int expected, List<String> examples) {
        boolean ok() {
            return lagMismatches == 0 && offsetMismatches == 0 && logEndMismatches == 0 && onlyInStreamFit == 0 && onlyInCommand == 0
                    && compared == expected && lagMatches == expected;
        }

        int mismatches() {
            return lagMismatches + onlyInStreamFit + onlyInCommand;
        }

        String summary() {
            return String.format(Locale.ROOT, "lag compared on %d group-partitions (expected %d): %d equal, %d different; "
                    + "committed offsets different %d, log ends different %d; only in StreamFit %d, only in kafka-consumer-groups %d",
                    compared, expected, lagMatches, lagMismatches, offsetMismatches, logEndMismatches, onlyInStreamFit, onlyInCommand);
        }
    }

    /** StreamFit's lag ({@link KafkaLag#of} on its snapshot) against the LAG column, group-partition by group-partition. */
    static Comparison compare(Settings settings, KafkaTargetSnapshot snapshot, List<Row> rows) {
        Map<String, KafkaPartitionSnapshot> partitions = new HashMap<>();
        for (KafkaTopicSnapshot topic : snapshot.topics()) {
            for (KafkaPartitionSnapshot p : topic.partitions()) {
                partitions.put(topic.topic() + "|" + p.partition(), p);
            }
        }
        Map<String, long[]> streamFit = new HashMap<>(); // key -> committed, logEnd, lag (Long.MIN_VALUE: null)
        for (KafkaGroupSnapshot group : snapshot.groups()) {
            if (!group.group().startsWith(GROUP_PREFIX)) {
                continue;
            }
            for (KafkaGroupSnapshot.Committed c : group.committed()) {
                KafkaPartitionSnapshot p = partitions.get(c.topic() + "|" + c.partition());
                Long logStart = p == null ? null : p.logStartOffset();
                Long logEnd = p == null ? null : p.logEndOffset();
                Long lag = KafkaLag.of(c.offset(), logStart, logEnd);
                streamFit.put(group.group() + "|" + c.topic() + "|" + c.partition(),
                        new long[] {orMin(c.offset()), orMin(logEnd), orMin(lag)});
            }
        }
        int compared = 0;
        int lagMatches = 0;
        int lagMismatches = 0;
        int offsetMismatches = 0;
        int logEndMismatches = 0;
        int onlyInCommand = 0;
        List<String> examples = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (Row row : rows) {
            String key = row.group() + "|" + row.topic() + "|" + row.partition();
            seen.put(key, Boolean.TRUE);
            long[] sf = streamFit.get(key);
            if (sf == null) {
                onlyInCommand++;
                example(examples, "only in kafka-consumer-groups: " + row);
                continue;
            }
            compared++;
            if (sf[2] == orMin(row.lag())) {
                lagMatches++;
            } else {
                lagMismatches++;
                example(examples, key + ": StreamFit lag " + shown(sf[2]) + ", kafka-consumer-groups LAG " + row.lag());
            }
            if (sf[0] != orMin(row.currentOffset())) {
                offsetMismatches++;
                example(examples, key + ": StreamFit committed " + shown(sf[0]) + ", CURRENT-OFFSET " + row.currentOffset());
            }
            if (sf[1] != orMin(row.logEndOffset())) {
                logEndMismatches++;
                example(examples, key + ": StreamFit log end " + shown(sf[1]) + ", LOG-END-OFFSET " + row.logEndOffset());
            }
        }
        int onlyInStreamFit = 0;
        for (String key : streamFit.keySet()) {
            if (!seen.containsKey(key)) {
                onlyInStreamFit++;
                example(examples, "only in StreamFit: " + key);
            }
        }
        return new Comparison(streamFit.size(), rows.size(), compared, lagMatches, lagMismatches, offsetMismatches, logEndMismatches,
                onlyInStreamFit, onlyInCommand, settings.groupPartitions(settings.groups()), examples);
    }

    private static long orMin(Long value) {
        return value == null ? Long.MIN_VALUE : value;
    }

    private static String shown(long value) {
        return value == Long.MIN_VALUE ? "null" : String.valueOf(value);
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < 20) {
            examples.add(text);
        }
    }

    // ---------------------------------------------------------------- requests by kind

    /**
     * Requests by API key, from the clients' own DEBUG lines "Sending X request" and "Received X
     * response" (NetworkClient), read only around untimed polls and command runs: while it is on, the
     * timed figures would carry its cost. Needs the JBoss LogManager (scripts/bench-kafka sets it).
     */
    static final class RequestRecorder implements AutoCloseable {
        private final Logger network = Logger.getLogger("org.apache.kafka.clients.NetworkClient");
        private final List<NetworkEvent> events = new ArrayList<>();
        private final Level previousLevel;
        private final boolean parentHandlers;
        private final Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                networkEvent(record).ifPresent(e -> {
                    synchronized (events) {
                        events.add(e);
                    }
                });
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        RequestRecorder() {
            previousLevel = network.getLevel();
            parentHandlers = network.getUseParentHandlers();
            handler.setLevel(Level.ALL);
            network.setUseParentHandlers(false);
            network.setLevel(Level.FINE);
            network.addHandler(handler);
        }

        /** The events since the last call. */
        List<NetworkEvent> drain() {
            synchronized (events) {
                List<NetworkEvent> copy = List.copyOf(events);
                events.clear();
                return copy;
            }
        }

        @Override
        public void close() {
            network.removeHandler(handler);
            network.setLevel(previousLevel);
            network.setUseParentHandlers(parentHandlers);
        }
    }

    /** One request of a profiled poll: milliseconds after the poll started. */
    record TimelineEntry(String api, String node, double sentAt, double answeredAt) {
    }

    /** A send or receive line of NetworkClient. */
    record NetworkEvent(long nanos, boolean send, String client, String api, String node, String correlationId) {
    }

    /** One untimed StreamFit poll, request by request. Empty maps when the DEBUG lines could not be read. */
    record PollProfile(Map<String, Integer> byKind, long metric, double pollMillis, List<TimelineEntry> timeline) {
        int total() {
            return byKind.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Milliseconds of the poll with at least one request in flight (the union of send-to-answer intervals). */
        double inFlightMillis() {
            List<TimelineEntry> bySend = timeline.stream().filter(t -> !Double.isNaN(t.answeredAt()))
                    .sorted(java.util.Comparator.comparingDouble(TimelineEntry::sentAt)).toList();
            double total = 0;
            double from = Double.NaN;
            double to = Double.NaN;
            for (TimelineEntry t : bySend) {
                if (Double.isNaN(from) || t.sentAt() > to) {
                    total += Double.isNaN(from) ? 0 : to - from;
                    from = t.sentAt();
                    to = t.answeredAt();
                } else {
                    to = Math.max(to, t.answeredAt());
                }
            }
            return total + (Double.isNaN(from) ? 0 : to - from);
        }

        /**
         * The longest stretch with no request in flight, after a request was answered and before the
         * next was sent: {@code [gap ms, answered request, next request]}.
         */
        Optional<Object[]> longestIdle() {
            List<TimelineEntry> bySend = timeline.stream().sorted(java.util.Comparator.comparingDouble(TimelineEntry::sentAt)).toList();
            Object[] best = null;
            double lastAnswer = Double.NEGATIVE_INFINITY;
            String lastAnswered = null;
            for (TimelineEntry t : bySend) {
                if (lastAnswered != null && t.sentAt() - lastAnswer > 0
                        && (best == null || t.sentAt() - lastAnswer > (double) best[0])) {
                    boolean inFlight = bySend.stream().anyMatch(o -> o.sentAt() < t.sentAt() && !(o.answeredAt() <= t.sentAt()));
                    if (!inFlight) {
                        best = new Object[] {t.sentAt() - lastAnswer, lastAnswered, t.api()};
                    }
                }
                if (!Double.isNaN(t.answeredAt()) && t.answeredAt() > lastAnswer) {
                    lastAnswer = t.answeredAt();
                    lastAnswered = t.api();
                }
            }
            return Optional.ofNullable(best);
        }
    }

    static final String GROUP_DESCRIBE_FALLBACK = "`CONSUMER_GROUP_DESCRIBE` then `DESCRIBE_GROUPS`: the AdminClient's "
            + "`describeConsumerGroups` asks with the ConsumerGroupDescribe API first; these groups are classic ones (made by "
            + "committing offsets), so the broker answers that they are not new consumer groups and the AdminClient asks "
            + "again with DescribeGroups, through its retry back-off (`retry.backoff.ms`, 100 ms by default). Where nothing "
            + "else is in flight meanwhile, the poll waits for it.";

    static final Pattern CLIENT_ID = Pattern.compile("clientId=([^,\\]\\s]+)");
    static final Pattern CORRELATION_ID = Pattern.compile("correlationId=(\\d+)");
    static final Pattern SENDING = Pattern.compile("Sending (\\w+) request with header (.*?) and timeout \\d+ to node (-?\\d+)", Pattern.DOTALL);
    static final Pattern RECEIVED = Pattern.compile("Received (\\w+) response from node (-?\\d+) for request with header (.*?): ", Pattern.DOTALL);

    /**
     * Reads one NetworkClient record from its parameters where the log manager keeps them (cheap: the
     * request bodies, huge at this size, are not turned into text), else from its formatted text.
     */
    static Optional<NetworkEvent> networkEvent(LogRecord record) {
        long now = System.nanoTime();
        String format = record.getMessage() == null ? "" : record.getMessage();
        Object[] params = record.getParameters();
        Matcher client = CLIENT_ID.matcher(format);
        String clientId = client.find() ? client.group(1) : "?";
        if (params != null && params.length >= 4 && format.contains("Sending {} request")) {
            return Optional.of(new NetworkEvent(now, true, clientId, String.valueOf(params[0]), String.valueOf(params[3]),
                    correlationId(String.valueOf(params[1]))));
        }
        if (params != null && params.length >= 3 && format.contains("Received {} response from node {}")) {
            return Optional.of(new NetworkEvent(now, false, clientId, String.valueOf(params[0]), String.valueOf(params[1]),
                    correlationId(String.valueOf(params[2]))));
        }
        if (format.contains("{}") || !(format.contains("Sending ") || format.contains("Received "))) {
            return Optional.empty();
        }
        Matcher m = SENDING.matcher(format);
        if (m.find()) {
            return Optional.of(new NetworkEvent(now, true, clientId, m.group(1), m.group(3), correlationId(m.group(2))));
        }
        m = RECEIVED.matcher(format);
        if (m.find()) {
            return Optional.of(new NetworkEvent(now, false, clientId, m.group(1), m.group(2), correlationId(m.group(3))));
        }
        return Optional.empty();
    }

    private static String correlationId(String header) {
        Matcher m = CORRELATION_ID.matcher(header);
        return m.find() ? m.group(1) : "?";
    }

    /** A new poller's second poll (its first creates the client and fetches every topic's config), recorded request by request. */
    static PollProfile profileStreamFit(KafkaBroker broker) {
        try (RequestRecorder recorder = new RequestRecorder()) {
            KafkaTargetPoller poller = TestKafkaTarget.of(broker.bootstrapServers()).poller();
            long metric;
            long start;
            double pollMillis;
            try {
                poller.poll().await().atMost(POLL_TIMEOUT);
                recorder.drain();
                long before = poller.requestsSent();
                start = System.nanoTime();
                poller.poll().await().atMost(POLL_TIMEOUT);
                pollMillis = (System.nanoTime() - start) / 1e6;
                metric = poller.requestsSent() - before;
            } finally {
                poller.close();
            }
            List<NetworkEvent> events = recorder.drain().stream().filter(e -> e.client().equals("streamfit-test")).toList();
            Map<String, Integer> byKind = new TreeMap<>();
            List<TimelineEntry> timeline = new ArrayList<>();
            Map<String, NetworkEvent> answers = new HashMap<>();
            events.stream().filter(e -> !e.send()).forEach(e -> answers.put(e.correlationId(), e));
            for (NetworkEvent e : events) {
                if (e.send()) {
                    byKind.merge(e.api(), 1, Integer::sum);
                    NetworkEvent answer = answers.get(e.correlationId());
                    timeline.add(new TimelineEntry(e.api(), e.node(), (e.nanos() - start) / 1e6,
                            answer == null ? Double.NaN : (answer.nanos() - start) / 1e6));
                }
            }
            PollProfile profile = new PollProfile(byKind, metric, pollMillis, timeline);
            log(String.format(Locale.ROOT, "  profiled StreamFit poll (%.1f ms, DEBUG lines on): %s (request-total metric %d)",
                    pollMillis, byKind, metric));
            timeline.forEach(t -> log(String.format(Locale.ROOT, "    %-26s node %s sent +%.1f ms, answered +%.1f ms", t.api(), t.node(),
                    t.sentAt(), t.answeredAt())));
            return profile;
        }
    }

    /** One in-process run of {@code --describe --all-groups}, its requests by kind. */
    static Map<String, Integer> profileCommand(KafkaBroker broker) {
        try (RequestRecorder recorder = new RequestRecorder()) {
            recorder.drain();
            runInProcess(List.of("--bootstrap-server", broker.bootstrapServers(), "--describe", "--all-groups"));
            Map<String, Integer> byKind = new TreeMap<>();
            recorder.drain().stream().filter(e -> e.send() && !e.client().startsWith("streamfit-") && !e.client().equals("bench-producer"))
                    .forEach(e -> byKind.merge(e.api(), 1, Integer::sum));
            log("requests by kind, kafka-consumer-groups --describe --all-groups: " + byKind);
            return byKind;
        }
    }

    /** Keeps the clients' INFO lines (configs of every client created) out of the output; returns the logger to hold on to. */
    static Logger quietKafkaLogs() {
        Logger kafka = Logger.getLogger("org.apache.kafka");
        kafka.setLevel(Level.WARNING);
        return kafka;
    }

    // ---------------------------------------------------------------- history heap

    record HistoryResult(int samples, int spacingSeconds, Duration window, long retainedBytes, long heapBefore, long heapWith,
            long heapAfter, double medianRecordMillis, int partitionRingSize, int groupRingSize, int partitionRings, int groupRings) {
        double retainedMb() {
            return retainedBytes / 1024.0 / 1024.0;
        }
    }

    /**
     * Records the last snapshot {@code samples} times, {@code spacing} apart (past the window, so that
     * every ring is as full as it gets), then compares the heap after full GCs with the history
     * reachable and without it. The snapshot itself stays reachable throughout: it is not counted.
     */
    static HistoryResult measureHistory(Settings settings, KafkaTargetSnapshot snapshot) {
        long before = usedHeapAfterGc();
        KafkaHistory history = new KafkaHistory(settings.window());
        Instant base = snapshot.collectedAt();
        List<Double> recordMillis = new ArrayList<>();
        for (int i = 0; i < settings.historySamples(); i++) {
            KafkaTargetSnapshot sample = new KafkaTargetSnapshot(snapshot.target(), base.plusSeconds((long) i * settings.historySpacingSeconds()),
                    snapshot.clusterId(), snapshot.brokers(), snapshot.controller(), snapshot.topics(), snapshot.groups(), snapshot.problems());
            long start = System.nanoTime();
            history.record(sample);
            recordMillis.add((System.nanoTime() - start) / 1e6);
        }
        KafkaTopicSnapshot topic = snapshot.topics().stream().filter(t -> t.topic().startsWith(TOPIC_PREFIX)).findFirst().orElseThrow();
        KafkaGroupSnapshot group = snapshot.groups().stream().filter(g -> g.group().startsWith(GROUP_PREFIX)).findFirst().orElseThrow();
        KafkaGroupSnapshot.Committed committed = group.committed().get(0);
        int partitionRing = history.partition(snapshot.target(), topic.topic(), 0).map(SampleRing.Samples::size).orElse(0);
        int groupRing = history.groupPartition(snapshot.target(), group.group(), committed.topic(), committed.partition())
                .map(SampleRing.Samples::size).orElse(0);
        int partitionRings = 0;
        for (KafkaTopicSnapshot t : snapshot.topics()) {
            for (KafkaPartitionSnapshot p : t.partitions()) {
                partitionRings += history.partition(snapshot.target(), t.topic(), p.partition()).isPresent() ? 1 : 0;
            }
        }
        int groupRings = 0;
        for (KafkaGroupSnapshot g : snapshot.groups()) {
            for (KafkaGroupSnapshot.Committed c : g.committed()) {
                groupRings += history.groupPartition(snapshot.target(), g.group(), c.topic(), c.partition()).isPresent() ? 1 : 0;
            }
        }
        long with = usedHeapAfterGc();
        Reference.reachabilityFence(history);
        history = null;
        long after = usedHeapAfterGc();
        Reference.reachabilityFence(snapshot);
        HistoryResult result = new HistoryResult(settings.historySamples(), settings.historySpacingSeconds(), settings.window(),
                with - after, before, with, after, median(recordMillis.subList(Math.min(recordMillis.size() - 1, 10), recordMillis.size())),
                partitionRing, groupRing, partitionRings, groupRings);
        log(String.format(Locale.ROOT, "history of %d samples %d s apart (window %s): %.1f MB retained (heap %.1f MB before, "
                + "%.1f MB with, %.1f MB after dropping it); record() median %.1f ms; rings hold %d (partition) and %d (group-partition) samples",
                result.samples(), result.spacingSeconds(), result.window(), result.retainedMb(), before / 1048576.0, with / 1048576.0,
                after / 1048576.0, result.medianRecordMillis(), partitionRing, groupRing));
        return result;
    }

    static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    // ---------------------------------------------------------------- CPU and broker

    static double processCpuMillis() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e6;
        }
        return Double.NaN;
    }

    /** The broker is a child JVM of this one (kafka.Kafka): its CPU time so far, from /proc. */
    static double brokerCpuMillis() {
        return brokerProcess().flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
    }

    static Optional<ProcessHandle> brokerProcess() {
        return ProcessHandle.current().children().filter(KafkaLagBenchmark::isBroker).findFirst();
    }

    /** /proc/PID/cmdline itself: ProcessHandle.Info may leave the arguments out when the command line (its classpath) is long. */
    private static boolean isBroker(ProcessHandle process) {
        try {
            String cmdline = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline"), StandardCharsets.UTF_8);
            return Arrays.asList(cmdline.split("\0")).contains("kafka.Kafka");
        } catch (IOException | RuntimeException e) {
            return process.info().arguments().map(a -> Arrays.asList(a).contains("kafka.Kafka")).orElse(false);
        }
    }

    /**
     * The broker after the runs: resident memory (/proc), live heap after a full GC ({@code jcmd
     * GC.run}, then {@code GC.heap_info}; -1 when jcmd is not there) and the error lines of its log.
     */
    record BrokerState(long rssBytes, long peakRssBytes, long heapUsedBytes, long heapCommittedBytes, long errorLines,
            long outOfMemoryLines, Path log) {
    }

    static final Pattern HEAP_LINE = Pattern.compile("(generation|heap)\\s+total (\\d+)K, used (\\d+)K");

    static BrokerState brokerState(KafkaBroker broker) {
        long rss = -1;
        long peak = -1;
        long used = -1;
        long committed = -1;
        Optional<ProcessHandle> process = brokerProcess();
        if (process.isPresent()) {
            long pid = process.get().pid();
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    } else if (line.startsWith("VmHWM:")) {
                        peak = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not on Linux: left out
            }
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            if (Files.isExecutable(Path.of(jcmd))) {
                commandOutput(List.of(jcmd, String.valueOf(pid), "GC.run"), 60);
                Matcher m = HEAP_LINE.matcher(commandOutput(List.of(jcmd, String.valueOf(pid), "GC.heap_info"), 60));
                while (m.find()) {
                    committed = Math.max(committed, 0) + Long.parseLong(m.group(2)) * 1024;
                    used = Math.max(used, 0) + Long.parseLong(m.group(3)) * 1024;
                }
            }
        }
        String port = broker.bootstrapServers().substring(broker.bootstrapServers().lastIndexOf(':') + 1);
        Path log = ServerLogs.logFile("kafka-" + port + ".log");
        long errors = 0;
        long oom = 0;
        try {
            for (String line : Files.readAllLines(log)) {
                errors += line.contains(" ERROR ") ? 1 : 0;
                oom += line.contains("OutOfMemoryError") ? 1 : 0;
            }
        } catch (IOException | UncheckedIOException e) {
            errors = -1;
        }
        BrokerState state = new BrokerState(rss, peak, used, committed, errors, oom, log);
        log(String.format(Locale.ROOT, "broker: %.0f MB resident (peak %.0f MB), heap %.0f MB live of %.0f MB committed; "
                + "log %s: %d ERROR lines, %d OutOfMemoryError", rss / 1048576.0, peak / 1048576.0, used / 1048576.0,
                committed / 1048576.0, log, errors, oom));
        return state;
    }

    // ---------------------------------------------------------------- report

    static String report(Settings settings, Result r, String load) {
        StageResult full = r.full();
        CommandResult cmd = r.command();
        double commandMedian = cmd.medianMillis();
        double speedUp = commandMedian / full.medianMillis();
        StringBuilder md = new StringBuilder();
        md.append(SECTION).append("\n\n");
        md.append("StreamFit's Kafka poll (`KafkaTargetPoller.poll()`, topics and groups `.*`) and Kafka's own "
                + "`kafka-consumer-groups --describe --all-groups` (`").append(COMMAND_CLASS).append("`) read the same consumer "
                + "groups on the same broker, one after the other, in the same run. Generated by "
                + "`src/test/java/dev/streamfit/bench/KafkaLagBenchmark.java`; every figure below comes from that run.\n\n");
        md.append("- Date: ").append(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        md.append("- Machine: ").append(nproc()).append(" CPUs (").append(cpuModel()).append("), ").append(totalRam())
                .append(" RAM; Java ").append(System.getProperty("java.runtime.version")).append(" (")
                .append(System.getProperty("java.vm.name")).append("); Kafka ").append(KAFKA_VERSION)
                .append(" (broker, tools and clients): one KRaft node (broker and controller) in a child JVM with `-Xmx768m`, own ports; "
                        + "load average (1/5/15 min) ").append(load).append('\n');
        md.append("- Reproduce: `").append(settings.command()).append("` (options, in `BENCH_OPTS` or as arguments: "
                + "`-Dbench.topics=250`, `-Dbench.partitions=20`, `-Dbench.groups=500`, `-Dbench.topicsPerGroup=5`, "
                + "`-Dbench.stages=50:10,250:100,250:500`, `-Dbench.polls=7`, `-Dbench.warmups=2`, `-Dbench.commandRuns=5`, "
                + "`-Dbench.baselineRuns=3`, `-Dbench.inProcessRuns=3`, `-Dbench.historySamples=200`, `-Dbench.historySpacingSeconds=30`, "
                + "`-Dbench.window=PT1H`)\n");
        md.append(String.format(Locale.ROOT, "- Data set: %d topics × %d partitions (%d partitions, replication factor 1), %d–%d "
                + "records of a few bytes per partition (%d in all); %d consumer groups without members, each with committed "
                + "offsets on all partitions of %d topics (%d group-partitions), set with `alterConsumerGroupOffsets`: per "
                + "partition caught up, 1–5 behind, half way or at 0 (a mix in every group). No record was deleted by retention, "
                + "so StreamFit's lag (`max(logEnd − max(committed, logStart), 0)`) and the command's `LAG` "
                + "(`logEnd − committed`) must agree everywhere. Set-up took %.1f s (topics), %.1f s (records), %.1f s (offsets).%n",
                settings.topics(), settings.partitions(), settings.topics() * settings.partitions(), MIN_RECORDS, MAX_RECORDS,
                r.setup().records(), settings.groups(), settings.topicsPerGroup(), settings.groupPartitions(settings.groups()),
                r.setup().createTopicsSeconds(), r.setup().produceSeconds(), r.setup().commitSeconds()));
        md.append(String.format(Locale.ROOT, "- StreamFit: one poller (a new AdminClient), %d warm-up then %d measured polls, each "
                + "awaited in full; medians reported. Its JVM had already polled the smaller stages below (JIT partly warm, as in a "
                + "long-running StreamFit). Requests per poll: the AdminClient's own `request-total` metric, after minus before.%n",
                settings.warmups(), settings.polls()));
        md.append(String.format(Locale.ROOT, "- kafka-consumer-groups: %d runs of `kafka-consumer-groups --bootstrap-server … "
                + "--describe --all-groups`, each a new JVM as `bin/kafka-consumer-groups.sh` starts it (`%s`, the defaults of "
                + "`kafka-run-class.sh`; classpath: this project's test classpath, which holds kafka-tools %s), timed from "
                + "starting the process to its exit with all output read: what a user waits for, JVM start-up included.%n",
                settings.commandRuns(), String.join(" ", KAFKA_RUN_CLASS_JVM_OPTIONS), KAFKA_VERSION));
        md.append("\n| StreamFit poll median ms | kafka-consumer-groups median ms | speed-up (×) | requests per poll "
                + "| group-partitions compared | mismatches | history heap MB |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| %.1f | %.1f | %.1f | %s | %d | %d | %.1f |%n", full.medianMillis(), commandMedian,
                speedUp, range(full.minRequests(), full.maxRequests()), r.comparison().compared(), r.comparison().mismatches(),
                r.history().retainedMb()));

        md.append("\nTargets: ≥ 10× faster than the command — ").append(speedUp >= 10 ? "met" : "**not met**")
                .append(String.format(Locale.ROOT, " (%.1f×)", speedUp))
                .append("; identical lag — ").append(r.comparison().ok() ? "met" : "**not met**")
                .append("; requests per poll independent of groups and partitions — ")
                .append(requestsTarget(r.stages())).append(" (stages below)")
                .append("; history heap < 100 MB — ").append(r.history().retainedMb() < 100 ? "met" : "**not met**")
                .append(String.format(Locale.ROOT, " (%.1f MB)", r.history().retainedMb())).append(".\n");

        md.append("\n### Spread and second figures\n\n");
        md.append("| measurement | median ms | min–max ms | runs |\n|---|---:|---:|---:|\n");
        md.append(timingRow("StreamFit poll", full.samples().stream().map(PollSample::millis).toList()));
        md.append(timingRow("kafka-consumer-groups `--describe --all-groups` (new JVM)", cmd.describe().stream().map(CommandRun::millis).toList()));
        if (!cmd.list().isEmpty()) {
            md.append(timingRow("kafka-consumer-groups `--list` (new JVM; start-up baseline)", cmd.list().stream().map(CommandRun::millis).toList()));
        }
        if (!cmd.inProcess().isEmpty()) {
            md.append(timingRow("`ConsumerGroupCommand.main(--describe --all-groups)` in the benchmark's JVM (no JVM start)",
                    cmd.inProcess().stream().map(CommandRun::millis).toList()));
        }
        md.append('\n');
        double listMedian = median(cmd.list().stream().map(CommandRun::millis).toList());
        if (!cmd.list().isEmpty()) {
            md.append(String.format(Locale.ROOT, "- JVM start isolated: `--describe --all-groups` minus `--list` (JVM start, argument "
                    + "parsing, AdminClient, one ListGroups) = %.1f ms; StreamFit is %.1f× faster than that part alone.%n",
                    commandMedian - listMedian, (commandMedian - listMedian) / full.medianMillis()));
        }
        if (!cmd.inProcess().isEmpty()) {
            double inProcess = median(cmd.inProcess().stream().map(CommandRun::millis).toList());
            md.append(String.format(Locale.ROOT, "- Without any JVM start (the command's `main` called in the benchmark's JVM after "
                    + "its own runs, client classes loaded and compiled): %.1f ms, %.1f× StreamFit's poll.%n", inProcess,
                    inProcess / full.medianMillis()));
        }
        md.append(String.format(Locale.ROOT, "- CPU: StreamFit's JVM %.0f ms per poll (all threads, GC included); broker %.0f ms per "
                + "StreamFit poll vs %.0f ms per command run (the broker's `/proc` CPU time, after minus before).%n",
                median(full.samples().stream().map(PollSample::cpuMillis).toList()),
                median(full.samples().stream().map(PollSample::brokerCpuMillis).toList()),
                median(cmd.describe().stream().map(CommandRun::brokerCpuMillis).toList())));
        md.append(String.format(Locale.ROOT, "- The command printed %d rows (%.1f MB) per run; StreamFit's snapshot held %d topics, "
                + "%d partitions, %d groups, %d committed offsets, no problems.%n", cmd.rows().size(),
                cmd.describe().get(0).outputBytes() / 1e6, full.lastSnapshot().topics().size(),
                full.lastSnapshot().topics().stream().mapToInt(t -> t.partitions().size()).sum(), full.lastSnapshot().groups().size(),
                full.lastSnapshot().groups().stream().mapToInt(g -> g.committed().size()).sum()));
        BrokerState b = r.broker();
        md.append("- Broker after the runs (`-Xmx768m`, serial GC): ").append(mb(b.heapUsedBytes()))
                .append(" live heap after a full GC (`jcmd GC.run`, `GC.heap_info`) of ").append(mb(b.heapCommittedBytes()))
                .append(" committed; ").append(mb(b.rssBytes())).append(" resident (peak ").append(mb(b.peakRssBytes()))
                .append("); its log: ").append(b.errorLines()).append(" `ERROR` lines, ").append(b.outOfMemoryLines())
                .append(" `OutOfMemoryError`.\n");
        md.append("\n### Requests per poll as the data set grows\n\n");
        md.append("Each stage adds topics and groups to the same broker and polls with a new poller (its first poll, which creates "
                + "the AdminClient and fetches every topic's config, is shown apart). Requests per poll: the `request-total` "
                + "metric of the timed polls.\n\n");
        md.append("| topics | partitions | groups | group-partitions | brokers | StreamFit poll median ms | requests per poll "
                + "| first poll ms | first poll requests |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (StageResult s : r.stages()) {
            md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %.1f (%d polls) | %s | %.1f | %d |%n", s.stage().topics(),
                    s.partitions(), s.stage().groups(), s.groupPartitions(), s.brokers(), s.medianMillis(), s.samples().size(),
                    range(s.minRequests(), s.maxRequests()), s.first().millis(), s.first().requests()));
        }
        boolean profiled = r.stages().stream().allMatch(s -> !s.profile().byKind().isEmpty());
        md.append('\n');
        if (profiled) {
            md.append("Requests by kind: one extra, untimed poll per stage (a new poller's second poll) and one in-process run of "
                    + "`kafka-consumer-groups --describe --all-groups` at the full data set, counted from the clients' own "
                    + "`Sending <API> request` DEBUG lines:\n\n");
            StringBuilder header = new StringBuilder("| request |");
            StringBuilder rule = new StringBuilder("|---|");
            for (StageResult s : r.stages()) {
                header.append(String.format(Locale.ROOT, " StreamFit, %d partitions / %d group-partitions |", s.partitions(),
                        s.groupPartitions()));
                rule.append("---:|");
            }
            header.append(" kafka-consumer-groups, full data set |");
            rule.append("---:|");
            md.append(header).append('\n').append(rule).append('\n');
            java.util.TreeSet<String> kinds = new java.util.TreeSet<>(r.commandRequests().keySet());
            r.stages().forEach(s -> kinds.addAll(s.profile().byKind().keySet()));
            for (String kind : kinds) {
                md.append("| `").append(kind).append("` |");
                r.stages().forEach(s -> md.append(' ').append(s.profile().byKind().getOrDefault(kind, 0)).append(" |"));
                md.append(' ').append(r.commandRequests().getOrDefault(kind, 0)).append(" |\n");
            }
            md.append("| **total** |");
            r.stages().forEach(s -> md.append(" **").append(s.profile().total()).append("** |"));
            md.append(" **").append(r.commandRequests().values().stream().mapToInt(Integer::intValue).sum()).append("** |\n\n");
            md.append("(`request-total` metric of those polls: ").append(String.join(", ",
                    r.stages().stream().map(s -> String.valueOf(s.profile().metric())).toList())).append(".)\n\n");
            List<String> grown = kindsThatGrew(r.stages());
            md.append("Kinds whose count changed between stages: ").append(grown.isEmpty() ? "none" : String.join(", ", grown.stream()
                    .map(k -> "`" + k + "` (" + String.join(" → ", r.stages().stream()
                            .map(s -> String.valueOf(s.profile().byKind().getOrDefault(k, 0))).toList()) + ")").toList()))
                    .append(". `DESCRIBE_TOPIC_PARTITIONS` is how the AdminClient's `describeTopics` reads topics from Kafka 3.9 "
                            + "on, in pages of at most 2,000 partitions per response (`DescribeTopicsOptions.partitionSizeLimitPerResponse`, "
                            + "default 2000): one more request per 2,000 partitions. Every other call is one request per broker "
                            + "(or group coordinator) here, whatever the number of topics, partitions or groups. Not measured here "
                            + "(one broker): with B brokers the per-partition calls (ListOffsets ×3, DescribeLogDirs) go to each "
                            + "partition leader's broker and the group calls to each group coordinator, so they grow with brokers, "
                            + "not with topics, partitions or groups.\n");
            PollProfile p = full.profile();
            if (!p.timeline().isEmpty()) {
                md.append(String.format(Locale.ROOT, "%nWhere the time of a StreamFit poll goes at the full data set: the profiled "
                        + "poll of the last stage, request by request (ms after the poll started; it took %.1f ms with the DEBUG "
                        + "lines being read, the timed polls %.1f ms median):%n%n", p.pollMillis(), full.medianMillis()));
                md.append("| request | node | sent at ms | answered at ms | round trip ms |\n|---|---:|---:|---:|---:|\n");
                for (TimelineEntry t : p.timeline()) {
                    md.append(String.format(Locale.ROOT, "| `%s` | %s | %.1f | %.1f | %.1f |%n", t.api(), t.node(), t.sentAt(),
                            t.answeredAt(), t.answeredAt() - t.sentAt()));
                }
                md.append(String.format(Locale.ROOT, "%nOf that poll's %.1f ms, %.1f ms had at least one request in flight "
                        + "(waiting on the broker) and %.1f ms none (the client's own work: building requests, decoding answers, "
                        + "assembling the snapshot; and any back-off).", p.pollMillis(), p.inFlightMillis(),
                        p.pollMillis() - p.inFlightMillis()));
                p.longestIdle().ifPresent(idle -> md.append(String.format(Locale.ROOT, " Longest stretch with no request in "
                        + "flight: %.1f ms, between the answer to `%s` and sending `%s`.", (double) idle[0], idle[1], idle[2])));
                md.append('\n');
                md.append("\nThe same split at every stage (profiled poll):\n\n");
                md.append("| partitions | group-partitions | profiled poll ms | requests in flight ms | no request in flight ms "
                        + "| longest gap ms (between) |\n|---:|---:|---:|---:|---:|---|\n");
                for (StageResult s : r.stages()) {
                    PollProfile sp = s.profile();
                    String gap = sp.longestIdle().map(idle -> String.format(Locale.ROOT, "%.1f (`%s` → `%s`)", (double) idle[0],
                            idle[1], idle[2])).orElse("–");
                    md.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f | %s |%n", s.partitions(),
                            s.groupPartitions(), sp.pollMillis(), sp.inFlightMillis(), sp.pollMillis() - sp.inFlightMillis(), gap));
                }
                if (p.byKind().containsKey("CONSUMER_GROUP_DESCRIBE") && p.byKind().containsKey("DESCRIBE_GROUPS")) {
                    md.append("\n" + GROUP_DESCRIBE_FALLBACK + "\n");
                }
            }
        } else {
            md.append("Requests by kind: not available (the NetworkClient DEBUG lines could not be read; run with the JBoss "
                    + "LogManager, as scripts/bench-kafka does).\n");
        }

        HistoryResult h = r.history();
        md.append("\n### History heap\n\n");
        md.append(String.format(Locale.ROOT, "`KafkaHistory` with a %s window (StreamFit's default), fed the last snapshot %d times "
                + "with `collectedAt` %d s apart (%.1f h%s: a partition ring "
                + "held %d samples, a group-partition ring %d). Retained heap = used heap after full GCs with the history reachable "
                + "minus the same without it (the snapshot reachable in both): **%.1f MB** for %d partition rings and %d "
                + "group-partition rings (%.0f bytes per group-partition, partition rings included). `record()` took %.1f ms "
                + "per snapshot (median).%n", h.window(), h.samples(), h.spacingSeconds(), h.samples() * h.spacingSeconds() / 3600.0,
                (long) h.samples() * h.spacingSeconds() > h.window().toSeconds() ? ", past the window, so every ring is as full as it gets"
                        : ", shorter than the window: the rings are not full",
                h.partitionRingSize(), h.groupRingSize(), h.retainedMb(), h.partitionRings(), h.groupRings(),
                (double) h.retainedBytes() / Math.max(1, h.groupRings()), h.medianRecordMillis()));

        md.append("\n### Observations\n\n");
        md.append(String.format(Locale.ROOT, "- StreamFit polled %d partitions and %d group-partitions in %.1f ms (median) with %s "
                + "requests; `kafka-consumer-groups --describe --all-groups` took %.1f ms for the same groups (%.1f× longer)",
                full.partitions(), full.groupPartitions(), full.medianMillis(), range(full.minRequests(), full.maxRequests()),
                commandMedian, speedUp));
        if (profiled && !r.commandRequests().isEmpty()) {
            md.append(String.format(Locale.ROOT, ", sending %d requests where StreamFit sends %d",
                    r.commandRequests().values().stream().mapToInt(Integer::intValue).sum(), full.profile().total()));
        }
        md.append(".\n");
        md.append("- ").append(r.comparison().summary()).append(".\n");
        md.append("- Requests per poll by stage: ").append(String.join("; ", r.stages().stream()
                .map(s -> range(s.minRequests(), s.maxRequests()) + " at " + s.partitions() + " partitions / " + s.groupPartitions()
                        + " group-partitions").toList())).append(". ").append(requestsVerdict(r.stages())).append('\n');
        return md.toString();
    }

    /** Same partitions, more groups: the requests per poll must not change. */
    static boolean requestsIndependentOfGroups(List<StageResult> stages) {
        for (StageResult a : stages) {
            for (StageResult b : stages) {
                if (a.partitions() == b.partitions() && (a.minRequests() != b.minRequests() || a.maxRequests() != b.maxRequests())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Request kinds whose count differs between the profiled polls of the stages. */
    static List<String> kindsThatGrew(List<StageResult> stages) {
        java.util.TreeSet<String> kinds = new java.util.TreeSet<>();
        stages.forEach(s -> kinds.addAll(s.profile().byKind().keySet()));
        return kinds.stream().filter(k -> stages.stream().map(s -> s.profile().byKind().getOrDefault(k, 0)).distinct().count() > 1).toList();
    }

    static boolean requestsIndependentOfPartitions(List<StageResult> stages) {
        List<String> grown = kindsThatGrew(stages);
        boolean metricsEqual = stages.stream().map(StageResult::minRequests).distinct().count() == 1
                && stages.stream().map(StageResult::maxRequests).distinct().count() == 1;
        return metricsEqual && grown.isEmpty();
    }

    static String requestsVerdict(List<StageResult> stages) {
        String groups = requestsIndependentOfGroups(stages) ? "Independent of the number of groups and group-partitions"
                : "**Not independent of the number of groups**";
        if (requestsIndependentOfPartitions(stages)) {
            return groups + " and of partitions.";
        }
        List<String> grown = kindsThatGrew(stages);
        if (grown.equals(List.of("DESCRIBE_TOPIC_PARTITIONS"))) {
            return groups + "; with partitions only the paged `DESCRIBE_TOPIC_PARTITIONS` grows (one request per 2,000 partitions).";
        }
        return groups + "; **with partitions, these kinds grew: " + (grown.isEmpty() ? "(not profiled)" : String.join(", ", grown)) + "**.";
    }

    /** The target "requests per poll independent of groups and partitions", as far as this run shows it. */
    static String requestsTarget(List<StageResult> stages) {
        if (!requestsIndependentOfGroups(stages)) {
            return "**not met** (they change with groups)";
        }
        if (requestsIndependentOfPartitions(stages)) {
            return "met";
        }
        if (kindsThatGrew(stages).equals(List.of("DESCRIBE_TOPIC_PARTITIONS"))) {
            return "met for groups; for partitions **not strictly**: the AdminClient pages `DescribeTopicPartitions` at 2,000 "
                    + "partitions, so a poll sends one more request per 2,000 partitions";
        }
        return "**not met** for partitions";
    }

    private static String timingRow(String label, List<Double> millis) {
        double min = millis.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = millis.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f–%.1f | %d |%n", label, median(millis), min, max, millis.size());
    }

    static String mb(long bytes) {
        return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
    }

    static String range(long min, long max) {
        return min == max ? String.valueOf(min) : min + "–" + max;
    }

    // ---------------------------------------------------------------- machine and helpers

    static String head(String text, int lines) {
        return String.join("\n", text.lines().limit(lines).toList());
    }

    static void log(String message) {
        System.out.println("[bench] " + message);
    }
}
