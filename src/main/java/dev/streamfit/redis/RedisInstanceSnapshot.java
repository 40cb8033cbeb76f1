package dev.streamfit.redis;

import java.util.HashMap;
import java.util.Map;

import dev.streamfit.poll.Staleness;

/**
 * One Redis server as INFO described it — or, for a cluster shard this poll could not reach, as an
 * earlier poll did ({@code staleReason}). Fields a server version does not report are null.
 *
 * @param address       host:port of the server (the shard in cluster mode)
 * @param serverTimeMillis the server's clock when INFO ran (server_time_usec), null before Redis 7
 * @param commandCalls  calls since start of the stream commands the advisor reads (xadd, xrange, xrevrange)
 * @param rdbSaves      RDB snapshots since start (Redis 7+): evidence of RDB persistence
 * @param rdbSavePoints the {@code save} setting (CONFIG GET save): "" when RDB snapshots are off; null
 *                      when unknown (the ACL does not allow {@code CONFIG GET})
 * @param ownRangeReads XRANGE calls StreamFit itself sent to this server since it started, to be
 *                      subtracted from {@code commandCalls} when judging history reads
 * @param staleReason   why this poll could not reach the server; null when it did
 */
public record RedisInstanceSnapshot(
        String address,
        String redisVersion,
        String role,
        Long usedMemory,
        Long usedMemoryPeak,
        Long maxmemory,
        String maxmemoryPolicy,
        Double memFragmentationRatio,
        Long evictedKeys,
        Boolean aofEnabled,
        String rdbLastBgsaveStatus,
        Long connectedSlaves,
        Long serverTimeMillis,
        Map<String, Long> commandCalls,
        Long rdbSaves,
        String rdbSavePoints,
        long ownRangeReads,
        String staleReason) implements Staleness<RedisInstanceSnapshot> {

    RedisInstanceSnapshot withOwnRangeReads(long reads) {
        return new RedisInstanceSnapshot(address, redisVersion, role, usedMemory, usedMemoryPeak, maxmemory, maxmemoryPolicy,
                memFragmentationRatio, evictedKeys, aofEnabled, rdbLastBgsaveStatus, connectedSlaves, serverTimeMillis, commandCalls,
                rdbSaves, rdbSavePoints, reads, staleReason);
    }

    RedisInstanceSnapshot withRdbSavePoints(String savePoints) {
        return new RedisInstanceSnapshot(address, redisVersion, role, usedMemory, usedMemoryPeak, maxmemory, maxmemoryPolicy,
                memFragmentationRatio, evictedKeys, aofEnabled, rdbLastBgsaveStatus, connectedSlaves, serverTimeMillis, commandCalls,
                rdbSaves, savePoints, ownRangeReads, staleReason);
    }

    @Override
    public RedisInstanceSnapshot stale(String reason) {
        return new RedisInstanceSnapshot(address, redisVersion, role, usedMemory, usedMemoryPeak, maxmemory, maxmemoryPolicy,
                memFragmentationRatio, evictedKeys, aofEnabled, rdbLastBgsaveStatus, connectedSlaves, serverTimeMillis, commandCalls,
                rdbSaves, rdbSavePoints, ownRangeReads, reason);
    }

    /**
     * Whether the data survives a restart (SPEC: durability): true when AOF is on or an RDB snapshot
     * was taken since start; false only when proven — AOF off and no save points configured; else
     * null (unknown). Redis 6.2 reports no rdb_saves, Redis 7 none before its first save, and
     * {@code CONFIG GET} needs {@code +config|get}: absent facts are unknown, never "off".
     */
    public Boolean persistent() {
        if (Boolean.TRUE.equals(aofEnabled) || (rdbSaves != null && rdbSaves > 0)) {
            return true;
        }
        if (Boolean.FALSE.equals(aofEnabled) && rdbSavePoints != null && rdbSavePoints.isBlank()) {
            return false;
        }
        return null;
    }

    static RedisInstanceSnapshot fromInfo(String address, String info) {
        Map<String, String> fields = new HashMap<>();
        Map<String, Long> calls = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (line.isEmpty() || line.startsWith("#") || colon < 0) {
                continue;
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1);
            if (key.startsWith("cmdstat_")) {
                String command = key.substring("cmdstat_".length());
                if (command.equals("xadd") || command.equals("xrange") || command.equals("xrevrange")) {
                    calls.put(command, callsOf(value));
                }
            } else {
                fields.put(key, value);
            }
        }
        Long serverTimeUsec = longOf(fields.get("server_time_usec"));
        return new RedisInstanceSnapshot(address,
                fields.get("redis_version"),
                fields.get("role"),
                longOf(fields.get("used_memory")),
                longOf(fields.get("used_memory_peak")),
                longOf(fields.get("maxmemory")),
                fields.get("maxmemory_policy"),
                doubleOf(fields.get("mem_fragmentation_ratio")),
                longOf(fields.get("evicted_keys")),
                fields.containsKey("aof_enabled") ? "1".equals(fields.get("aof_enabled")) : null,
                fields.get("rdb_last_bgsave_status"),
                longOf(fields.get("connected_slaves")),
                serverTimeUsec == null ? null : serverTimeUsec / 1000,
                Map.copyOf(calls),
                longOf(fields.get("rdb_saves")),
                null,
                0,
                null);
    }

    /** cmdstat value: {@code calls=12,usec=34,usec_per_call=2.83,...}. */
    private static Long callsOf(String value) {
        for (String part : value.split(",")) {
            if (part.startsWith("calls=")) {
                return longOf(part.substring("calls=".length()));
            }
        }
        return null;
    }

    private static Long longOf(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double doubleOf(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
