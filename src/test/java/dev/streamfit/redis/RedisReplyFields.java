package dev.streamfit.redis;

import io.vertx.redis.client.Response;

/** Reads one field of a RESP2 flat field array, as the fixtures' client returns it. */
final class RedisReplyFields {

    private RedisReplyFields() {
    }

    static Long of(Response flat, String field) {
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            if (flat.get(i).toString().equals(field)) {
                return flat.get(i + 1) == null ? null : flat.get(i + 1).toLong();
            }
        }
        throw new AssertionError("no field " + field);
    }
}
