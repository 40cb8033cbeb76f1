package dev.streamfit.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vertx.mutiny.redis.client.Response;

/**
 * The primaries of a Redis Cluster, from CLUSTER SHARDS (Redis 7+) or, before that, CLUSTER NODES.
 * Only primaries that are not marked failed are polled: a stream lives on exactly one primary.
 */
final class RedisClusterTopology {

    private RedisClusterTopology() {
    }

    /** host:port of every healthy primary in a CLUSTER SHARDS reply (RESP2: flat field arrays). */
    static List<String> primariesFromShards(Response shards) {
        List<String> primaries = new ArrayList<>();
        for (Response shard : shards) {
            Response nodes = RedisReply.fields(shard).get("nodes");
            for (Response node : nodes) {
                Map<String, Response> fields = RedisReply.fields(node);
                String role = RedisReply.stringOrNull(fields.get("role"));
                String health = RedisReply.stringOrNull(fields.get("health"));
                if ("master".equals(role) && !"fail".equals(health) && fields.get("port") != null) {
                    String host = RedisReply.stringOrNull(fields.get("ip"));
                    primaries.add(host + ":" + fields.get("port").toLong());
                }
            }
        }
        return primaries.stream().sorted().toList();
    }

    /**
     * host:port of every healthy primary in CLUSTER NODES text:
     * {@code <id> <ip:port@cport[,hostname]> <flags> <master> <ping> <pong> <epoch> <link> <slots>...}.
     */
    static List<String> primariesFromNodes(String nodes) {
        List<String> primaries = new ArrayList<>();
        for (String line : nodes.split("\n")) {
            String[] cols = line.trim().split(" ");
            if (cols.length < 8) {
                continue;
            }
            List<String> flags = List.of(cols[2].split(","));
            if (flags.contains("master") && !flags.contains("fail") && !flags.contains("noaddr")) {
                String address = cols[1];
                int cut = address.indexOf('@');
                primaries.add(cut < 0 ? address : address.substring(0, cut));
            }
        }
        return primaries.stream().sorted().toList();
    }
}
