package dev.streamfit.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Builds the Redis states the tests assert on: streams, consumer groups and pending entries. It
 * writes, so it only ever talks to a test server.
 */
public final class RedisFixtures implements AutoCloseable {

    private final Vertx vertx;
    private final Redis client;

    public RedisFixtures(String url) {
        this.vertx = Vertx.vertx();
        this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(4)
                // RESP2 replies are plain arrays: simplest for assertions.
                .setPreferredProtocolVersion(ProtocolVersion.RESP2));
    }

    public Response call(Object... args) {
        return await(client.send(request(args)));
    }

    /** Sends the commands back to back on one connection (pipelined) and returns their replies in order. */
    public List<Response> batch(List<Object[]> commands) {
        List<Request> requests = new ArrayList<>(commands.size());
        for (Object[] command : commands) {
            requests.add(request(command));
        }
        return await(client.batch(requests));
    }

    private static Request request(Object... args) {
        Request request = Request.cmd(Command.create(String.valueOf(args[0])));
        for (int i = 1; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof byte[] bytes) {
                request.arg(io.vertx.core.buffer.Buffer.buffer(bytes));
            } else {
                request.arg(String.valueOf(arg));
            }
        }
        return request;
    }

    /** Appends {@code count} entries with auto-generated IDs and returns their IDs. */
    public List<String> addEntries(Object stream, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(call("XADD", stream, "*", "n", i, "payload", "event-" + i).toString());
        }
        return ids;
    }

    public void createGroup(Object stream, String group, String fromId) {
        call("XGROUP", "CREATE", stream, group, fromId, "MKSTREAM");
    }

    /** Delivers up to {@code count} new entries to {@code consumer}; they stay pending until acked. */
    public int readGroup(Object stream, String group, String consumer, int count) {
        Response reply = call("XREADGROUP", "GROUP", group, consumer, "COUNT", count, "STREAMS", stream, ">");
        return reply == null ? 0 : reply.get(0).get(1).size();
    }

    public void flushAll() {
        call("FLUSHALL");
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Redis fixture command failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
        vertx.close();
    }
}
