package dev.streamfit.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.impl.types.ErrorType;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;

/**
 * Commands sent back to back on one connection without waiting for replies (one round trip for
 * the lot), each with the handler of its own reply. Unlike Vert.x's batch, an error reply fails
 * only its own command.
 */
final class RedisPipeline {

    private final List<Request> requests = new ArrayList<>();
    private final List<Consumer<RedisReply>> handlers = new ArrayList<>();

    RedisPipeline add(Request request, Consumer<RedisReply> handler) {
        requests.add(request);
        handlers.add(handler);
        return this;
    }

    /** How many of the queued commands are {@code command}. */
    long count(io.vertx.mutiny.redis.client.Command command) {
        return requests.stream().filter(r -> r.command().equals(command)).count();
    }

    Uni<Void> execute(RedisConnection connection) {
        if (requests.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<RedisReply>> replies = new ArrayList<>(requests.size());
        for (Request request : requests) {
            // Only an error reply from Redis is that command's own outcome; a broken connection fails the poll.
            replies.add(connection.send(request).map(RedisReply::ok)
                    .onFailure(ErrorType.class).recoverWithItem(RedisReply::failed));
        }
        return Uni.join().all(replies).andFailFast().invoke(all -> {
            for (int i = 0; i < all.size(); i++) {
                handlers.get(i).accept(all.get(i));
            }
        }).replaceWithVoid();
    }
}
