package dev.streamfit.bench;

import java.time.Duration;

/**
 * The options of {@code scripts/bench-redis} ({@code -D...} or in {@code BENCH_OPTS}):
 * <ul>
 * <li>{@code bench.streams} (10000), {@code bench.groupsPerStream} (3), {@code bench.entries} (30), {@code bench.read} (10): the data set;
 * <li>{@code bench.pollInterval} (5s), {@code bench.polls} (20), {@code bench.duration} (polls × interval), {@code bench.maxDuration},
 * {@code bench.apiPause} (2s), {@code bench.out}: see {@link ScenarioOptions};
 * <li>{@code bench.scrapes} (5): measured redis_exporter scrapes, after one that is not measured.
 * </ul>
 */
record RedisBenchmarkSettings(RedisDataSet.Shape shape, ScenarioOptions scenario, int scrapes) {

    static final String TARGET = "bench";
    /** The default of {@code streamfit.redis.<name>.max-streams} (README): more streams need the key. */
    private static final int DEFAULT_MAX_STREAMS = 10_000;

    static RedisBenchmarkSettings fromSystemProperties() {
        BenchOptions options = new BenchOptions("scripts/bench-redis");
        RedisDataSet.Shape shape = RedisDataSet.Shape.from(options, 10_000, 3);
        ScenarioOptions scenario = ScenarioOptions.read(options, Duration.ofSeconds(5), Duration.ZERO);
        return new RedisBenchmarkSettings(shape, scenario, options.integer("bench.scrapes", 5, 1));
    }

    /** One Redis target watching the data set's streams, {@code max-streams} raised only when the data set needs it. */
    ServiceConfigFile serviceConfig(String redisUrl) {
        return redisTarget(new ServiceConfigFile(scenario.pollInterval()), TARGET, redisUrl, shape);
    }

    /** A Redis target as an operator configures it for {@code shape}. */
    static ServiceConfigFile redisTarget(ServiceConfigFile config, String name, String redisUrl, RedisDataSet.Shape shape) {
        config.redis(name, redisUrl, RedisDataSet.GLOB);
        if (shape.streams() > DEFAULT_MAX_STREAMS) {
            config.set("streamfit.redis." + name + ".max-streams", String.valueOf(shape.streams()));
        }
        return config;
    }
}
