package dev.streamfit.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * The options of {@code scripts/bench-targets} ({@code -D...} or in {@code BENCH_OPTS}):
 * <ul>
 * <li>{@code bench.redisTargets} (50): redis-server processes, each a target with the Redis data set of
 * {@link RedisBenchmarkSettings}'s keys at smaller defaults: {@code bench.streams} (200), {@code bench.groupsPerStream} (2);
 * <li>{@code bench.kafkaTargets} (10): targets on one broker, each selecting its own small data set by its {@code topics} and
 * {@code groups} regexes, with {@link KafkaBenchmarkSettings}'s keys at smaller defaults: {@code bench.topics} (10),
 * {@code bench.partitions} (6), {@code bench.groups} (10), {@code bench.topicsPerGroup} (3);
 * <li>{@code bench.pollInterval} (5s), {@code bench.duration} (3m), {@code bench.polls}, {@code bench.maxDuration},
 * {@code bench.apiPause}, {@code bench.out}: see {@link ScenarioOptions}.
 * </ul>
 */
record ManyTargetsSettings(int redisTargets, RedisDataSet.Shape redis, int kafkaTargets, KafkaDataSet.Shape kafka,
        ScenarioOptions scenario) {

    static ManyTargetsSettings fromSystemProperties() {
        BenchOptions options = new BenchOptions("scripts/bench-targets");
        int redisTargets = options.integer("bench.redisTargets", 50, 0);
        RedisDataSet.Shape redis = RedisDataSet.Shape.from(options, 200, 2);
        int kafkaTargets = options.integer("bench.kafkaTargets", 10, 0);
        KafkaDataSet.Shape kafka = KafkaDataSet.Shape.from(options, "", 10, 6, 10, 3);
        ScenarioOptions scenario = ScenarioOptions.read(options, Duration.ofSeconds(5), Duration.ofMinutes(3));
        if (redisTargets + kafkaTargets == 0) {
            throw new IllegalArgumentException("-Dbench.redisTargets and -Dbench.kafkaTargets are both 0: nothing to watch");
        }
        return new ManyTargetsSettings(redisTargets, redis, kafkaTargets, kafka, scenario);
    }

    static String redisTarget(int i) {
        return String.format(Locale.ROOT, "r%02d", i);
    }

    static String kafkaTarget(int k) {
        return String.format(Locale.ROOT, "k%d", k);
    }

    /** The data set of Kafka target {@code k}: the shape of the options under a prefix of its own. */
    KafkaDataSet.Shape kafkaShape(int k) {
        return new KafkaDataSet.Shape(kafkaTarget(k) + "-", kafka.topics(), kafka.partitions(), kafka.groups(), kafka.topicsPerGroup());
    }
}
