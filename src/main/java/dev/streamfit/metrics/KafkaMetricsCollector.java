package dev.streamfit.metrics;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.lag.KafkaGroupLag;
import dev.streamfit.lag.KafkaLagService;
import dev.streamfit.lag.KafkaPartitionLag;
import dev.streamfit.api.KafkaTopicService;
import dev.streamfit.api.KafkaTopicView;
import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.poll.SystemKind;
import dev.streamfit.poll.TargetId;
import io.prometheus.client.GaugeMetricFamily;

/**
 * Kafka series from each target's latest snapshot and lag evaluation: topics by
 * {@code target, topic}; group lag aggregated per topic by {@code target, group, topic}; per
 * partition (separate metric names, so that sums never count twice) only with
 * {@code streamfit.kafka.<name>.partition-metrics=true}. Unknown values are absent, and so are the
 * series of stale topics and groups: their current values are unknown.
 */
@ApplicationScoped
public class KafkaMetricsCollector extends TargetSeriesCollector {

    private static final List<String> TOPIC = List.of("target", "topic");
    private static final List<String> GROUP = List.of("target", "group");
    private static final List<String> GROUP_TOPIC = List.of("target", "group", "topic");
    private static final List<String> GROUP_PARTITION = List.of("target", "group", "topic", "partition");

    @Inject
    StreamFitConfig config;
    @Inject
    KafkaTopicService topics;
    @Inject
    KafkaLagService lag;

    @Override
    protected List<MetricFamilySamples> build(TargetId id) {
        var partitions = new GaugeMetricFamily("streamfit_kafka_topic_partitions", "Partitions of the topic", TOPIC);
        var size = new GaugeMetricFamily("streamfit_kafka_topic_size_bytes", "Size of the topic's leader replicas on disk", TOPIC);
        var retention = new GaugeMetricFamily("streamfit_kafka_topic_retention_seconds", "retention.ms of the topic; +Inf when unlimited", TOPIC);
        var rate = new GaugeMetricFamily("streamfit_kafka_topic_records_per_second", "Records appended per second over the history window", TOPIC);
        var oldest = new GaugeMetricFamily("streamfit_kafka_topic_oldest_record_age_seconds", "Age of the oldest retained record", TOPIC);
        var underReplicated = new GaugeMetricFamily("streamfit_kafka_topic_under_replicated_partitions", "Partitions with fewer in-sync replicas than replicas", TOPIC);
        var offline = new GaugeMetricFamily("streamfit_kafka_topic_offline_partitions", "Partitions without a leader", TOPIC);
        var groupLag = new GaugeMetricFamily("streamfit_kafka_consumergroup_lag", "Records the group can still consume, summed over the topic's partitions", GROUP_TOPIC);
        var groupLagSeconds = new GaugeMetricFamily("streamfit_kafka_consumergroup_lag_seconds", "How long the group's oldest unconsumed record of the topic has waited", GROUP_TOPIC);
        var status = new GaugeMetricFamily("streamfit_kafka_consumergroup_status", "Lag status of the group: 0 OK, 1 WARN, 2 REWIND, 3 STALL, 4 STOP, 5 ERR", GROUP);
        var members = new GaugeMetricFamily("streamfit_kafka_consumergroup_members", "Members of the group", GROUP);
        var partitionLag = new GaugeMetricFamily("streamfit_kafka_consumergroup_partition_lag", "Records the group can still consume on the partition", GROUP_PARTITION);
        var partitionLagSeconds = new GaugeMetricFamily("streamfit_kafka_consumergroup_partition_lag_seconds", "How long the partition's oldest unconsumed record has waited", GROUP_PARTITION);

        StreamFitConfig.KafkaTarget targetConfig = id == null || id.system() != SystemKind.KAFKA ? null : config.kafka().get(id.name());
        if (targetConfig != null) {
            String target = id.name();
            topics.topics(id).ifPresent(views -> {
                for (KafkaTopicView t : views) {
                    if (t.stale()) {
                        continue;
                    }
                    List<String> labels = List.of(target, t.topic());
                    partitions.addMetric(labels, t.partitions());
                    KnownValues.add(size, labels, t.sizeBytes());
                    if (t.retentionMs() != null) {
                        retention.addMetric(labels, t.retentionMs() < 0 ? Double.POSITIVE_INFINITY : t.retentionMs() / 1000.0);
                    }
                    KnownValues.add(rate, labels, t.recordsPerSecond());
                    KnownValues.add(oldest, labels, t.oldestRecordAgeSeconds());
                    underReplicated.addMetric(labels, t.underReplicatedPartitions());
                    offline.addMetric(labels, t.offlinePartitions());
                }
            });
            boolean perPartition = targetConfig.partitionMetrics();
            lag.groups(id).ifPresent(groups -> {
                for (KafkaGroupLag g : groups) {
                    if (g.stale()) {
                        continue;
                    }
                    List<String> labels = List.of(target, g.group());
                    if (g.status() != null) {
                        status.addMetric(labels, g.status().code());
                    }
                    members.addMetric(labels, g.members());
                    for (String topic : g.topics()) {
                        KnownValues.add(groupLag, List.of(target, g.group(), topic), g.lagOn(topic));
                        KnownValues.add(groupLagSeconds, List.of(target, g.group(), topic), g.lagSecondsOn(topic));
                    }
                    if (perPartition) {
                        for (KafkaPartitionLag p : g.partitions()) {
                            List<String> partitionLabels = List.of(target, g.group(), p.topic(), String.valueOf(p.partition()));
                            KnownValues.add(partitionLag, partitionLabels, p.lag());
                            KnownValues.add(partitionLagSeconds, partitionLabels, p.lagSeconds());
                        }
                    }
                }
            });
        }
        return List.of(partitions, size, retention, rate, oldest, underReplicated, offline, groupLag, groupLagSeconds, status, members,
                partitionLag, partitionLagSeconds);
    }
}
