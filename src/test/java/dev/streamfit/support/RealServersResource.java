package dev.streamfit.support;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the application under test at the shared real servers, plus targets that are down:
 * {@code redis/down} and {@code kafka/down} on closed ports, and, on ports where a test starts and
 * stops servers of its own, {@code redis/flaky}, the Redis Cluster {@code redis/cluster} and the
 * Kafka broker with ACLs {@code kafka/secured} (down while no test runs them).
 */
public class RealServersResource implements QuarkusTestResourceLifecycleManager {

    /** Password in the down target's URL: it must never show in the API, logs or metrics. */
    public static final String DOWN_PASSWORD = "s3cret-Passw0rd";
    public static final int FLAKY_REDIS_PORT = FreePorts.next();
    /** The seed of {@code redis/cluster}. */
    public static final int CLUSTER_SEED_PORT = RedisCluster.freeSeedPort();
    /** The SASL listener of {@code kafka/secured}, where {@link KafkaBroker#WATCHER} logs in. */
    public static final int SECURED_KAFKA_PORT = FreePorts.next();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("streamfit.poll-interval", "1s");
        // A short window spaces history samples one second apart, like the polls.
        config.put("streamfit.advisor.window", "2m");
        config.put("streamfit.rules.kafka.stop-after", "3s");
        // Verdicts within seconds: observed 2 s, confirmed by 2 evaluations.
        config.put("streamfit.advisor.min-observation", "2s");
        config.put("streamfit.advisor.stable-evaluations", "2");
        config.put("streamfit.redis.main.url", TestServers.redis().url());
        config.put("streamfit.redis.main.consumer-metrics", "true");
        config.put("streamfit.redis.down.url", "redis://ops:" + DOWN_PASSWORD + "@127.0.0.1:" + FreePorts.next());
        config.put("streamfit.redis.flaky.url", "redis://127.0.0.1:" + FLAKY_REDIS_PORT);
        config.put("streamfit.kafka.main.bootstrap-servers", TestServers.kafka().bootstrapServers());
        config.put("streamfit.kafka.main.partition-metrics", "true");
        config.put("streamfit.kafka.down.bootstrap-servers", "127.0.0.1:" + FreePorts.next());
        config.put("streamfit.redis.cluster.url", "redis://127.0.0.1:" + CLUSTER_SEED_PORT);
        config.put("streamfit.redis.cluster.cluster", "true");
        config.put("streamfit.kafka.secured.bootstrap-servers", "127.0.0.1:" + SECURED_KAFKA_PORT);
        KafkaBroker.watcherLogin().forEach((key, value) ->
                config.put("streamfit.kafka.secured.properties.\"" + key + "\"", value));
        return config;
    }

    @Override
    public void stop() {
        // The servers are shared by every test class and stop with the JVM.
    }
}
