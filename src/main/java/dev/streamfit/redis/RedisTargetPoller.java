package dev.streamfit.redis;

import java.time.Duration;
import java.util.List;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.poll.SystemKind;
import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.TargetPoller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.NetClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.redis.client.RedisOptions;

/**
 * Polls one Redis target through its own small connection pool. A poll is one pipelined batch:
 * PING and INFO server travel in a single round trip.
 */
public class RedisTargetPoller implements TargetPoller {

    /** A poll pipelines its commands; two connections let an abandoned poll drain while the next starts. */
    private static final int MAX_CONNECTIONS = 2;

    private final TargetId id;
    private final Redis client;

    RedisTargetPoller(Vertx vertx, String name, StreamFitConfig.RedisTarget target, Duration timeout) {
        this.id = new TargetId(SystemKind.REDIS, name);
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        RedisOptions options = new RedisOptions()
                .setConnectionString(target.url().trim())
                .setMaxPoolSize(MAX_CONNECTIONS)
                .setMaxPoolWaiting(8)
                .setNetClientOptions(new NetClientOptions().setConnectTimeout(timeoutMillis).setTcpKeepAlive(true));
        this.client = Redis.createClient(vertx, options);
    }

    @Override
    public TargetId id() {
        return id;
    }

    @Override
    public Uni<Void> poll() {
        return client.batch(List.of(Request.cmd(Command.PING), Request.cmd(Command.INFO).arg("server")))
                .invoke(RedisTargetPoller::requireRedis)
                .replaceWithVoid();
    }

    private static void requireRedis(List<Response> replies) {
        String pong = replies.get(0).toString();
        if (!"PONG".equalsIgnoreCase(pong)) {
            throw new IllegalStateException("unexpected PING reply: " + pong);
        }
        String info = replies.get(1).toString();
        if (!info.contains("redis_version:")) {
            throw new IllegalStateException("INFO server did not report a redis_version");
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
