package dev.streamfit.bench;

import java.util.List;
import java.util.Locale;

/** The Markdown section of {@link KafkaLagBenchmark}: the service's median poll against kafka-consumer-groups' median run. */
final class KafkaLagReport {

    private KafkaLagReport() {
    }

    static ComparisonSection section(KafkaBenchmarkSettings settings, String versions, String load, double loadSeconds, ServiceRun service,
            List<ConsumerGroupsCommand.Run> runs) {
        ToolComparison comparison = ToolComparison.of(ComparedTool.KAFKA_CONSUMER_GROUPS, service, "kafka/" + KafkaBenchmarkSettings.TARGET,
                Distribution.of(runs.stream().map(ConsumerGroupsCommand.Run::millis).toList()));
        String dataSet = settings.shape().describe() + ". No record is deleted by retention, so every group-partition's lag is exactly "
                + "log end − committed offset, and both tools are checked against that";
        String command = ConsumerGroupsCommand.describe() + ", run " + runs.size() + " times once the service had stopped, each timed "
                + "from the JVM's start to its exit with all of its output read; every run's rows checked against the data set "
                + String.format(Locale.ROOT, "(all %,d group-partitions, exact LAG).", settings.shape().groupPartitions());
        return new ComparisonSection(comparison, settings.scenario(), versions, load, dataSet, loadSeconds, service, command);
    }
}
