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
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.GaugeMetricFamily;

/**
 * Redis series from each target's latest snapshot: servers by {@code target, shard} (host:port),
 * streams by {@code target, stream}, groups by {@code target, stream, group}; per consumer only with
 * {@code streamfit.redis.<name>.consumer-metrics=true}. Values Redis did not give are absent, and so
 * are the series of stale servers and streams: their current values are unknown.
 */
@ApplicationScoped
public class RedisMetricsCollector extends TargetSeriesCollector {

    private static final List<String> SERVER = List.of("target", "shard");
    private static final List<String> STREAM = List.of("target", "stream");
    private static final List<String> GROUP = List.of("target", "stream", "group");
    private static final List<String> CONSUMER = List.of("target", "stream", "group", "consumer");

    @Inject
    SnapshotStore snapshots;
    @Inject
    StreamFitConfig config;

    @Override
    protected List<MetricFamilySamples> build(TargetId targetId) {
        var usedMemory = new GaugeMetricFamily("streamfit_redis_memory_used_bytes", "used_memory of the Redis server", SERVER);
        var maxMemory = new GaugeMetricFamily("streamfit_redis_memory_max_bytes", "maxmemory of the Redis server; absent when it has no limit (0)", SERVER);
        var evicted = new CounterMetricFamily("streamfit_redis_evicted_keys", "Keys evicted by the Redis server since it started", SERVER);
        var length = new GaugeMetricFamily("streamfit_redis_stream_length", "Entries in the stream (XLEN)", STREAM);
        var memory = new GaugeMetricFamily("streamfit_redis_stream_memory_bytes", "MEMORY USAGE of the stream", STREAM);
        var oldestAge = new GaugeMetricFamily("streamfit_redis_stream_oldest_entry_age_seconds", "Age of the stream's first entry, from its ID", STREAM);
        var added = new CounterMetricFamily("streamfit_redis_stream_entries_added", "Entries ever added to the stream (Redis 7+)", STREAM);
        var consumers = new GaugeMetricFamily("streamfit_redis_stream_group_consumers", "Consumers in the group", GROUP);
        var pending = new GaugeMetricFamily("streamfit_redis_stream_group_pending", "Entries delivered to the group and not acknowledged", GROUP);
        var lag = new GaugeMetricFamily("streamfit_redis_stream_group_lag", "Entries in the stream not yet delivered to the group", GROUP);
        var lagSeconds = new GaugeMetricFamily("streamfit_redis_stream_group_lag_seconds", "How long the oldest entry not yet delivered to the group has waited", GROUP);
        var idle = new GaugeMetricFamily("streamfit_redis_stream_group_oldest_pending_idle_seconds", "Idle time of the group's oldest pending entry", GROUP);
        var deliveries = new GaugeMetricFamily("streamfit_redis_stream_group_oldest_pending_deliveries", "Times the group's oldest pending entry was delivered", GROUP);
        var lost = new GaugeMetricFamily("streamfit_redis_stream_group_trimmed_before_delivery", "Entries removed from the stream before the group read them", GROUP);
        var consumerPending = new GaugeMetricFamily("streamfit_redis_stream_consumer_pending", "Pending entries held by the consumer", CONSUMER);
        var consumerIdle = new GaugeMetricFamily("streamfit_redis_stream_consumer_idle_seconds", "Time since the consumer last interacted with the group", CONSUMER);

        for (RedisTargetSnapshot snapshot : Optional.ofNullable(targetId).flatMap(t -> snapshots.latest(t, RedisTargetSnapshot.class)).stream().toList()) {
            String target = snapshot.target().name();
            StreamFitConfig.RedisTarget targetConfig = config.redis().get(target);
            boolean perConsumer = targetConfig != null && targetConfig.consumerMetrics();
            for (RedisInstanceSnapshot server : snapshot.instances()) {
                if (server.stale()) {
                    continue;
                }
                List<String> labels = List.of(target, server.address());
                KnownValues.add(usedMemory, labels, server.usedMemory());
                if (server.maxmemory() != null && server.maxmemory() > 0) {
                    maxMemory.addMetric(labels, server.maxmemory());
                }
                if (server.evictedKeys() != null) {
                    evicted.addMetric(labels, server.evictedKeys());
                }
            }
            for (RedisStreamSnapshot stream : snapshot.streams()) {
                if (stream.stale()) {
                    continue;
                }
                List<String> labels = List.of(target, stream.stream());
                length.addMetric(labels, stream.length());
                KnownValues.add(memory, labels, stream.memoryBytes());
                KnownValues.add(oldestAge, labels, stream.oldestEntryAgeSeconds());
                if (stream.entriesAdded() != null) {
                    added.addMetric(labels, stream.entriesAdded());
                }
                for (RedisGroupSnapshot group : stream.groups()) {
                    List<String> groupLabels = List.of(target, stream.stream(), group.group());
                    consumers.addMetric(groupLabels, group.consumers());
                    pending.addMetric(groupLabels, group.pending());
                    KnownValues.add(lag, groupLabels, group.lag());
                    KnownValues.add(lagSeconds, groupLabels, group.lagSeconds());
                    KnownValues.add(idle, groupLabels, group.oldestPendingIdleSeconds());
                    KnownValues.add(deliveries, groupLabels, group.maxDeliveryCount());
                    KnownValues.add(lost, groupLabels, group.trimmedBeforeDelivery());
                    if (perConsumer && group.consumerDetails() != null) {
                        for (RedisConsumerSnapshot consumer : group.consumerDetails()) {
                            List<String> consumerLabels = List.of(target, stream.stream(), group.group(), consumer.consumer());
                            consumerPending.addMetric(consumerLabels, consumer.pending());
                            consumerIdle.addMetric(consumerLabels, consumer.idleSeconds());
                        }
                    }
                }
            }
        }
        return List.of(usedMemory, maxMemory, evicted, length, memory, oldestAge, added, consumers, pending, lag, lagSeconds,
                idle, deliveries, lost, consumerPending, consumerIdle);
    }
}
