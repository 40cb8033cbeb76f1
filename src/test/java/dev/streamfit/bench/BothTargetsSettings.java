package dev.streamfit.bench;

import java.time.Duration;

/**
 * The options of {@code scripts/bench-service} ({@code -D...} or in {@code BENCH_OPTS}):
 * <ul>
 * <li>the Redis data set of {@link RedisBenchmarkSettings} and the Kafka data set of {@link KafkaBenchmarkSettings}, same keys
 * and defaults;
 * <li>{@code bench.pollInterval} (2s), {@code bench.duration} (5m), {@code bench.polls}, {@code bench.maxDuration},
 * {@code bench.apiPause}, {@code bench.out}: see {@link ScenarioOptions};
 * <li>{@code bench.window} (80 % of the duration): {@code streamfit.advisor.window}, shortened from its 1 h default so that a
 * full window of history builds up within the run; {@code bench.minObservation} (a quarter of the window):
 * {@code streamfit.advisor.min-observation}, so that verdicts are evaluated for most of the run.
 * </ul>
 */
record BothTargetsSettings(RedisDataSet.Shape redis, KafkaDataSet.Shape kafka, ScenarioOptions scenario, Duration window,
        Duration minObservation) {

    static final String TARGET = "bench";

    static BothTargetsSettings fromSystemProperties() {
        BenchOptions options = new BenchOptions("scripts/bench-service");
        RedisDataSet.Shape redis = RedisDataSet.Shape.from(options, 10_000, 3);
        KafkaDataSet.Shape kafka = KafkaDataSet.Shape.from(options, "bench-", 250, 20, 500, 5);
        ScenarioOptions scenario = ScenarioOptions.read(options, Duration.ofSeconds(2), Duration.ofMinutes(5));
        Duration window = options.duration("bench.window", Duration.ofSeconds(scenario.plan().minDuration().toSeconds() * 4 / 5));
        if (window.compareTo(scenario.plan().minDuration()) >= 0) {
            throw new IllegalArgumentException("-Dbench.window must be shorter than -Dbench.duration, or the window never fills");
        }
        Duration minObservation = options.duration("bench.minObservation", Duration.ofSeconds(Math.max(1, window.toSeconds() / 4)));
        return new BothTargetsSettings(redis, kafka, scenario, window, minObservation);
    }

    ServiceConfigFile serviceConfig(String redisUrl, String bootstrapServers) {
        ServiceConfigFile config = new ServiceConfigFile(scenario.pollInterval())
                .set("streamfit.advisor.window", BenchOptions.human(window))
                .set("streamfit.advisor.min-observation", BenchOptions.human(minObservation));
        RedisBenchmarkSettings.redisTarget(config, TARGET, redisUrl, redis);
        return config.kafka(TARGET, bootstrapServers, ".*", ".*");
    }
}
