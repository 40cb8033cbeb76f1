package dev.streamfit.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The options of {@code scripts/bench-redis} ({@code -D...} or in {@code BENCH_OPTS}):
 * <ul>
 * <li>{@code bench.streams} (10000), {@code bench.groups} (3), {@code bench.entries} (30), {@code bench.read} (10): the data set;
 * <li>{@code bench.pollInterval} (5s): the service's {@code streamfit.poll-interval};
 * <li>{@code bench.polls} (20), {@code bench.duration} (polls × interval), {@code bench.maxDuration}, {@code bench.apiPause} (2s):
 * how long and how the service is sampled;
 * <li>{@code bench.scrapes} (5): measured redis_exporter scrapes, after one that is not measured;
 * <li>{@code bench.out} (docs/benchmarks.md): the report file.
 * </ul>
 */
record RedisBenchmarkSettings(RedisDataSet.Shape shape, Duration pollInterval, ServiceSampler.Plan plan, int scrapes, Path out,
        String command) {

    static final String TARGET = "bench";

    static RedisBenchmarkSettings fromSystemProperties() {
        BenchOptions options = new BenchOptions("scripts/bench-redis");
        RedisDataSet.Shape shape = RedisDataSet.Shape.from(options, 10_000, 3);
        Duration interval = options.duration("bench.pollInterval", Duration.ofSeconds(5));
        ServiceSampler.Plan plan = ServiceSampler.Plan.from(options, interval, Duration.ZERO);
        int scrapes = options.integer("bench.scrapes", 5, 1);
        Path out = options.path("bench.out", Path.of("docs", "benchmarks.md"));
        return new RedisBenchmarkSettings(shape, interval, plan, scrapes, out, options.command());
    }

    /** One Redis target watching the data set's streams; {@code max-streams} raised only when the data set exceeds its default. */
    ServiceConfigFile serviceConfig(String redisUrl) {
        ServiceConfigFile config = new ServiceConfigFile(pollInterval).redis(TARGET, redisUrl, RedisDataSet.GLOB);
        if (shape.streams() > 10_000) {
            config.set("streamfit.redis." + TARGET + ".max-streams", String.valueOf(shape.streams()));
        }
        return config;
    }
}
