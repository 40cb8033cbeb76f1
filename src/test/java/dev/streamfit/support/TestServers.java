package dev.streamfit.support;

/**
 * The Redis and Kafka shared by every test class of a run: started on first use, stopped when the
 * test JVM exits.
 */
public final class TestServers {

    private static RedisServer redis;
    private static KafkaBroker kafka;

    private TestServers() {
    }

    public static synchronized RedisServer redis() {
        if (redis == null) {
            redis = RedisServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "stop-test-redis"));
        }
        return redis;
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = KafkaBroker.start();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "stop-test-kafka"));
        }
        return kafka;
    }
}
