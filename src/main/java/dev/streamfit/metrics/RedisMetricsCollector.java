package dev.streamfit.metrics;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.history.SnapshotStore;
import dev.streamfit.poll.TargetId;
import dev.streamfit.redis.RedisConsumerSnapshot;
import dev.streamfit.redis.RedisGroupSnapshot;
import dev.streamfit.redis.RedisInstanceSnapshot;
import dev.streamfit.redis.RedisStreamSnapshot;
import dev.streamfit.redis.RedisTargetSnapshot;

/**
 * Redis series from each target's latest snapshot: servers by {@code target, shard} (host:port),
 * streams by {@code target, stream}, groups by {@code target, stream, group}; per consumer only with
 * {@code streamfit.redis.<name>.consumer-metrics=true}. Values Redis did not give are absent, and so
 * are the series of stale servers and streams: their current values are unknown.
 */
@ApplicationScoped
public class RedisMetricsCollector extends TargetSeriesCollector {

    private static final String[] SERVER = {"target", "shard"};
    private static final String[] STREAM = {"target", "stream"};
    private static final String[] GROUP = {"target", "stream", "group"};
    private static final String[] CONSUMER = {"target", "stream", "group", "consumer"};

    static final SeriesFamily USED_MEMORY = SeriesFamily.gauge("streamfit_redis_memory_used_bytes", "used_memory of the Redis server", SERVER);
    static final SeriesFamily MAX_MEMORY = SeriesFamily.gauge("streamfit_redis_memory_max_bytes", "maxmemory of the Redis server; absent when it has no limit (0)", SERVER);
    static final SeriesFamily EVICTED = SeriesFamily.counter("streamfit_redis_evicted_keys", "Keys evicted by the Redis server since it started", SERVER);
    static final SeriesFamily LENGTH = SeriesFamily.gauge("streamfit_redis_stream_length", "Entries in the stream (XLEN)", STREAM);
    static final SeriesFamily MEMORY = SeriesFamily.gauge("streamfit_redis_stream_memory_bytes", "MEMORY USAGE of the stream", STREAM);
    static final SeriesFamily OLDEST_AGE = SeriesFamily.gauge("streamfit_redis_stream_oldest_entry_age_seconds", "Age of the stream's first entry, from its ID", STREAM);
    static final SeriesFamily ADDED = SeriesFamily.counter("streamfit_redis_stream_entries_added", "Entries ever added to the stream (Redis 7+)", STREAM);
    static final SeriesFamily CONSUMERS = SeriesFamily.gauge("streamfit_redis_stream_group_consumers", "Consumers in the group", GROUP);
    static final SeriesFamily PENDING = SeriesFamily.gauge("streamfit_redis_stream_group_pending", "Entries delivered to the group and not acknowledged", GROUP);
    static final SeriesFamily LAG = SeriesFamily.gauge("streamfit_redis_stream_group_lag", "Entries in the stream not yet delivered to the group", GROUP);
    static final SeriesFamily LAG_SECONDS = SeriesFamily.gauge("streamfit_redis_stream_group_lag_seconds", "How long the oldest entry not yet delivered to the group has waited", GROUP);
    static final SeriesFamily IDLE = SeriesFamily.gauge("streamfit_redis_stream_group_oldest_pending_idle_seconds", "Idle time of the group's oldest pending entry", GROUP);
    static final SeriesFamily DELIVERIES = SeriesFamily.gauge("streamfit_redis_stream_group_oldest_pending_deliveries", "Times the group's oldest pending entry was delivered", GROUP);
    static final SeriesFamily LOST = SeriesFamily.gauge("streamfit_redis_stream_group_trimmed_before_delivery", "Entries removed from the stream before the group read them", GROUP);
    static final SeriesFamily CONSUMER_PENDING = SeriesFamily.gauge("streamfit_redis_stream_consumer_pending", "Pending entries held by the consumer", CONSUMER);
    static final SeriesFamily CONSUMER_IDLE = SeriesFamily.gauge("streamfit_redis_stream_consumer_idle_seconds", "Time since the consumer last interacted with the group", CONSUMER);

    private static final List<SeriesFamily> FAMILIES = List.of(USED_MEMORY, MAX_MEMORY, EVICTED, LENGTH, MEMORY, OLDEST_AGE, ADDED,
            CONSUMERS, PENDING, LAG, LAG_SECONDS, IDLE, DELIVERIES, LOST, CONSUMER_PENDING, CONSUMER_IDLE);

    @Inject
    SnapshotStore snapshots;
    @Inject
    StreamFitConfig config;

    @Override
    protected List<SeriesFamily> families() {
        return FAMILIES;
    }

    @Override
    protected void write(TargetId targetId, SeriesLines out) {
        Optional<RedisTargetSnapshot> latest = snapshots.latest(targetId, RedisTargetSnapshot.class);
        if (latest.isEmpty()) {
            return;
        }
        RedisTargetSnapshot snapshot = latest.get();
        String target = snapshot.target().name();
        StreamFitConfig.RedisTarget targetConfig = config.redis().get(target);
        boolean perConsumer = targetConfig != null && targetConfig.consumerMetrics();
        for (RedisInstanceSnapshot server : snapshot.instances()) {
            if (server.stale()) {
                continue;
            }
            out.addKnown(USED_MEMORY, server.usedMemory(), target, server.address());
            if (server.maxmemory() != null && server.maxmemory() > 0) {
                out.add(MAX_MEMORY, server.maxmemory(), target, server.address());
            }
            out.addKnown(EVICTED, server.evictedKeys(), target, server.address());
        }
        for (RedisStreamSnapshot stream : snapshot.streams()) {
            if (stream.stale()) {
                continue;
            }
            String name = stream.stream();
            out.add(LENGTH, stream.length(), target, name);
            out.addKnown(MEMORY, stream.memoryBytes(), target, name);
            out.addKnown(OLDEST_AGE, stream.oldestEntryAgeSeconds(), target, name);
            out.addKnown(ADDED, stream.entriesAdded(), target, name);
            for (RedisGroupSnapshot group : stream.groups()) {
                String g = group.group();
                out.add(CONSUMERS, group.consumers(), target, name, g);
                out.add(PENDING, group.pending(), target, name, g);
                out.addKnown(LAG, group.lag(), target, name, g);
                out.addKnown(LAG_SECONDS, group.lagSeconds(), target, name, g);
                out.addKnown(IDLE, group.oldestPendingIdleSeconds(), target, name, g);
                out.addKnown(DELIVERIES, group.oldestPendingDeliveries(), target, name, g);
                out.addKnown(LOST, group.trimmedBeforeDelivery(), target, name, g);
                if (perConsumer && group.consumerDetails() != null) {
                    for (RedisConsumerSnapshot consumer : group.consumerDetails()) {
                        out.add(CONSUMER_PENDING, consumer.pending(), target, name, g, consumer.consumer());
                        out.add(CONSUMER_IDLE, consumer.idleSeconds(), target, name, g, consumer.consumer());
                    }
                }
            }
        }
    }
}
