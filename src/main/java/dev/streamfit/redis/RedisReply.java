package dev.streamfit.redis;

import java.util.HashMap;
import java.util.Map;

import io.vertx.mutiny.redis.client.Response;

/**
 * One reply of a pipeline: the response, or the error Redis returned for that command alone.
 * A pipeline never fails as a whole because one command did (a stream deleted mid-poll, a
 * command the ACL denies).
 */
public record RedisReply(Response response, String error) {

    static RedisReply ok(Response response) {
        return new RedisReply(response, null);
    }

    static RedisReply failed(Throwable failure) {
        String message = failure.getMessage();
        return new RedisReply(null, message == null ? failure.getClass().getSimpleName() : message);
    }

    public boolean isError() {
        return error != null;
    }

    /** NOPERM: the ACL denies the command (or a key): a finding, not a failed poll. */
    public boolean isPermissionDenied() {
        return error != null && error.startsWith("NOPERM");
    }

    /** The reply of a command on a key that no longer exists or is no longer a stream. */
    public boolean isMissingKey() {
        return error != null && (error.contains("no such key") || error.startsWith("WRONGTYPE"));
    }

    /** RESP2 answers XINFO with a flat array of alternating field names and values. */
    static Map<String, Response> fields(Response flat) {
        Map<String, Response> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(flat.get(i).toString(), flat.get(i + 1));
        }
        return map;
    }

    static Long longOrNull(Response value) {
        return value == null ? null : value.toLong();
    }

    static String stringOrNull(Response value) {
        return value == null ? null : value.toString();
    }
}
