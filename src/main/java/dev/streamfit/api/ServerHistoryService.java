package dev.streamfit.api;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.health.RedisHealthRules;
import dev.streamfit.history.RedisHistory;
import dev.streamfit.history.SampleRing;
import dev.streamfit.redis.RedisInstanceSnapshot;
import dev.streamfit.redis.RedisTargetSnapshot;

/**
 * The used memory of a Redis target's servers over the window, with the projection that
 * {@code redis.memory.exhaustion-projected} judges — its growth ({@link RedisHealthRules#usedMemoryGrowth})
 * and time to the limit ({@link RedisHealthRules#secondsToMaxmemory}), so that the chart and the
 * finding show one figure. Reads copies of the server rings: safe on an HTTP thread.
 */
@ApplicationScoped
public class ServerHistoryService {

    @Inject
    StreamFitConfig config;
    @Inject
    RedisHistory history;

    /** Every server of the snapshot, by address. */
    public List<ServerHistory> servers(RedisTargetSnapshot snapshot) {
        return snapshot.instances().stream().sorted(Comparator.comparing(RedisInstanceSnapshot::address))
                .map(server -> server(snapshot, server)).toList();
    }

    private ServerHistory server(RedisTargetSnapshot snapshot, RedisInstanceSnapshot server) {
        SampleRing.Samples s = history.server(snapshot.target(), server.address()).orElse(SampleColumns.NONE);
        Double growth = RedisHealthRules.usedMemoryGrowth(s);
        ServerHistory.Projection projection = null;
        if (growth != null && server.usedMemory() != null) {
            // From the poll the server figures are of: a stale server's are an earlier poll's, its newest sample's.
            Instant from = server.stale() && s.size() > 0 ? Instant.ofEpochMilli(s.time(s.size() - 1)) : snapshot.collectedAt();
            Double seconds = RedisHealthRules.secondsToMaxmemory(server, growth);
            projection = new ServerHistory.Projection(growth, from, server.usedMemory(), seconds,
                    seconds == null ? null : from.plusMillis(Math.round(seconds * 1000)), config.advisor().memoryHorizon().toMillis() / 1000.0);
        }
        return new ServerHistory(server.address(), server.maxmemory(), server.maxmemoryPolicy(), s.times(),
                SampleColumns.exact(s, RedisHistory.SERVER_USED_MEMORY), projection, server.staleReason());
    }
}
