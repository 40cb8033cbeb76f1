package dev.streamfit.bench;

import java.time.Duration;

/**
 * The options of {@code scripts/bench-kafka} ({@code -D...} or in {@code BENCH_OPTS}):
 * <ul>
 * <li>{@code bench.topics} (250), {@code bench.partitions} (20), {@code bench.groups} (500), {@code bench.topicsPerGroup} (5):
 * the data set;
 * <li>{@code bench.pollInterval} (5s), {@code bench.polls} (20), {@code bench.duration} (polls × interval), {@code bench.maxDuration},
 * {@code bench.apiPause} (2s), {@code bench.out}: see {@link ScenarioOptions};
 * <li>{@code bench.commandRuns} (5): measured runs of kafka-consumer-groups.
 * </ul>
 */
record KafkaBenchmarkSettings(KafkaDataSet.Shape shape, ScenarioOptions scenario, int commandRuns) {

    static final String TARGET = "bench";

    static KafkaBenchmarkSettings fromSystemProperties() {
        BenchOptions options = new BenchOptions("scripts/bench-kafka");
        KafkaDataSet.Shape shape = KafkaDataSet.Shape.from(options, "bench-", 250, 20, 500, 5);
        ScenarioOptions scenario = ScenarioOptions.read(options, Duration.ofSeconds(5), Duration.ZERO);
        return new KafkaBenchmarkSettings(shape, scenario, options.integer("bench.commandRuns", 5, 1));
    }

    /** One Kafka target with the default topics and groups ({@code .*}): the broker holds only the data set. */
    ServiceConfigFile serviceConfig(String bootstrapServers) {
        return new ServiceConfigFile(scenario.pollInterval()).kafka(TARGET, bootstrapServers, ".*", ".*");
    }
}
