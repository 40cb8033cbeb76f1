package dev.streamfit.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vertx.mutiny.redis.client.Response;

/**
 * The primaries of a Redis Cluster, from CLUSTER SHARDS (Redis 7+) or, before that, CLUSTER NODES.
 * Only primaries that are not marked failed are polled: a stream lives on exactly one primary. A
 * failed primary that still holds slots (no replica took over) is reported apart: its streams are
 * unknown, not gone.
 */
final class RedisClusterTopology {

    private RedisClusterTopology() {
    }

    /** host:port of every healthy primary in a CLUSTER SHARDS reply (RESP2: flat field arrays). */
    static List<String> primariesFromShards(Response shards) {
        List<String> primaries = new ArrayList<>();
        for (Response shard : shards) {
            for (Response node : RedisReply.fields(shard).get("nodes")) {
                Map<String, Response> fields = RedisReply.fields(node);
                if (primary(fields) && !failed(fields)) {
                    primaries.add(address(fields));
                }
            }
        }
        return primaries.stream().sorted().toList();
    }

    /**
     * host:port of every primary in a CLUSTER SHARDS reply that the cluster marks failed while its
     * shard holds slots and has no healthy primary: nobody serves those slots.
     */
    static List<String> failedPrimariesFromShards(Response shards) {
        List<String> failed = new ArrayList<>();
        for (Response shard : shards) {
            Map<String, Response> shardFields = RedisReply.fields(shard);
            Response slots = shardFields.get("slots");
            List<Map<String, Response>> primaries = new ArrayList<>();
            for (Response node : shardFields.get("nodes")) {
                Map<String, Response> fields = RedisReply.fields(node);
                if (primary(fields)) {
                    primaries.add(fields);
                }
            }
            if (slots != null && slots.size() > 0 && primaries.stream().allMatch(RedisClusterTopology::failed)) {
                primaries.forEach(fields -> failed.add(address(fields)));
            }
        }
        return failed.stream().sorted().toList();
    }

    private static boolean primary(Map<String, Response> fields) {
        return "master".equals(RedisReply.stringOrNull(fields.get("role"))) && fields.get("port") != null;
    }

    private static boolean failed(Map<String, Response> fields) {
        String health = RedisReply.stringOrNull(fields.get("health"));
        return "fail".equals(health) || "failed".equals(health);
    }

    private static String address(Map<String, Response> fields) {
        return RedisReply.stringOrNull(fields.get("ip")) + ":" + fields.get("port").toLong();
    }

    /**
     * host:port of every healthy primary in CLUSTER NODES text:
     * {@code <id> <ip:port@cport[,hostname]> <flags> <master> <ping> <pong> <epoch> <link> <slots>...}.
     */
    static List<String> primariesFromNodes(String nodes) {
        return primariesFromNodes(nodes, false);
    }

    /** host:port of every primary in CLUSTER NODES text marked failed while it still holds slots. */
    static List<String> failedPrimariesFromNodes(String nodes) {
        return primariesFromNodes(nodes, true);
    }

    private static List<String> primariesFromNodes(String nodes, boolean failedHoldingSlots) {
        List<String> primaries = new ArrayList<>();
        for (String line : nodes.split("\n")) {
            String[] cols = line.trim().split(" ");
            if (cols.length < 8) {
                continue;
            }
            List<String> flags = List.of(cols[2].split(","));
            if (!flags.contains("master") || flags.contains("noaddr")) {
                continue;
            }
            boolean failed = flags.contains("fail");
            // Columns after the eighth are the slot ranges the primary serves.
            if (failedHoldingSlots ? failed && cols.length > 8 : !failed) {
                String address = cols[1];
                int cut = address.indexOf('@');
                primaries.add(cut < 0 ? address : address.substring(0, cut));
            }
        }
        return primaries.stream().sorted().toList();
    }
}
