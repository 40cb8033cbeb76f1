package dev.streamfit.support;

import java.time.Duration;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.redis.RedisTargetPoller;
import dev.streamfit.redis.RedisTargetSnapshot;
import io.vertx.mutiny.core.Vertx;

/** A {@code streamfit.redis.<name>} configuration built in code, for polling a server directly. */
public record TestRedisTarget(String url, String streams, boolean cluster, int memorySamples, boolean consumerMetrics,
        int maxStreams, int pipelineBatch) implements StreamFitConfig.RedisTarget {

    /** The defaults of the configuration keys. */
    public static TestRedisTarget of(String url) {
        return new TestRedisTarget(url, "*", false, 5, false, 10_000, 200);
    }

    public TestRedisTarget withStreams(String glob) {
        return new TestRedisTarget(url, glob, cluster, memorySamples, consumerMetrics, maxStreams, pipelineBatch);
    }

    public TestRedisTarget asCluster() {
        return new TestRedisTarget(url, streams, true, memorySamples, consumerMetrics, maxStreams, pipelineBatch);
    }

    public TestRedisTarget withMaxStreams(int max) {
        return new TestRedisTarget(url, streams, cluster, memorySamples, consumerMetrics, max, pipelineBatch);
    }

    public TestRedisTarget withPipelineBatch(int batch) {
        return new TestRedisTarget(url, streams, cluster, memorySamples, consumerMetrics, maxStreams, batch);
    }

    /** One poll, as the service would run it, with a fresh poller closed afterwards. */
    public RedisTargetSnapshot pollOnce(Vertx vertx) {
        RedisTargetPoller poller = new RedisTargetPoller(vertx, "test", this, Duration.ofSeconds(10));
        try {
            return poller.poll().await().atMost(Duration.ofSeconds(20));
        } finally {
            poller.close();
        }
    }
}
