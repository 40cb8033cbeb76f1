package dev.streamfit.bench;

import static dev.streamfit.bench.BenchLog.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.streamfit.support.KafkaBroker;
import dev.streamfit.support.KafkaFixtures;

/**
 * {@code scripts/bench-kafka}: the packaged service watching a Kafka with 250 topics × 20 partitions
 * and 500 groups (50,000 group-partitions) at a 5 s poll, against Kafka's own
 * {@code kafka-consumer-groups --describe --all-groups} on the same data in the same run. Not a
 * JUnit test. Steps:
 * <ol>
 * <li>a single-node KRaft broker of its own (child JVM, free ports), loaded with {@link KafkaDataSet};
 * <li>the service ({@link ServiceRun}): sampled over at least 20 of its polls, every group-partition's
 * lag in its API checked against the data set, its heap read; then stopped;
 * <li>{@link ConsumerGroupsCommand}: {@code bench.commandRuns} runs, each checked the same way;
 * <li>{@link KafkaLagReport} writes the section of docs/benchmarks.md (or {@code bench.out}).
 * </ol>
 * Options: {@link KafkaBenchmarkSettings}.
 */
public final class KafkaLagBenchmark {

    private KafkaLagBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkProcess.runAndExit(KafkaLagBenchmark::run);
    }

    private static void run() throws Exception {
        KafkaBenchmarkSettings settings = KafkaBenchmarkSettings.fromSystemProperties();
        log(settings.shape().describe() + "; poll interval " + BenchOptions.human(settings.scenario().pollInterval()));
        try (OtherWork machine = OtherWork.watch(); KafkaBroker broker = KafkaBroker.start(); KafkaFixtures kafka = new KafkaFixtures(broker)) {
            String versions = Versions.streamFit() + "; " + Versions.kafka() + " (broker, clients and kafka-consumer-groups): one KRaft "
                    + "node in a child JVM with `-Xmx768m`, own ports";
            double loadSeconds = KafkaDataSet.load(kafka, settings.shape());
            log(String.format(Locale.ROOT, "loaded in %.1f s", loadSeconds));

            ServiceRun service = ServiceRun.measure(settings.serviceConfig(broker.bootstrapServers()), settings.scenario().plan(),
                    List.of("kafka/" + KafkaBenchmarkSettings.TARGET), app -> KafkaDataSet.checkServiceView(
                            app.json("/api/v1/kafka/" + KafkaBenchmarkSettings.TARGET + "/groups"), settings.shape()));

            List<ConsumerGroupsCommand.Run> runs = new ArrayList<>();
            for (int i = 0; i < settings.commandRuns(); i++) {
                ConsumerGroupsCommand.Run run = ConsumerGroupsCommand.describeAllGroups(broker.bootstrapServers());
                KafkaDataSet.checkCommandRows(run.rows(), settings.shape());
                runs.add(run);
                log(String.format(Locale.ROOT, "  kafka-consumer-groups --describe --all-groups run %d: %.1f ms, %d rows", i + 1, run.millis(),
                        run.rows().size()));
            }
            ComparisonSection report = KafkaLagReport.section(settings, versions, machine.summary(), loadSeconds, service, runs);
            report.writeTo(settings.scenario().out());
            log(report.comparison().summary());
            log("wrote " + settings.scenario().out().toAbsolutePath());
        }
    }
}
