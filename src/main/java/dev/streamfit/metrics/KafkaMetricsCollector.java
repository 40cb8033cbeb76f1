package dev.streamfit.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.advisor.AdvisorService;
import dev.streamfit.advisor.Workload;
import dev.streamfit.lag.KafkaGroupLag;
import dev.streamfit.lag.KafkaLagService;
import dev.streamfit.lag.KafkaPartitionLag;
import dev.streamfit.api.KafkaTopicService;
import dev.streamfit.api.KafkaTopicView;
import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.poll.SystemKind;
import dev.streamfit.poll.TargetId;

/**
 * Kafka series from each target's latest snapshot and lag evaluation: topics by
 * {@code target, topic}, with the partitions the advisor finds the topic needs; group lag and records lost to retention aggregated per topic by {@code target, group, topic}; per
 * partition (separate metric names, so that sums never count twice) only with
 * {@code streamfit.kafka.<name>.partition-metrics=true}. Unknown values are absent, and so are the
 * series of stale topics and groups: their current values are unknown.
 */
@ApplicationScoped
public class KafkaMetricsCollector extends TargetSeriesCollector {

    private static final String[] TOPIC = {"target", "topic"};
    private static final String[] GROUP = {"target", "group"};
    private static final String[] GROUP_TOPIC = {"target", "group", "topic"};
    private static final String[] GROUP_PARTITION = {"target", "group", "topic", "partition"};

    static final SeriesFamily PARTITIONS = SeriesFamily.gauge("streamfit_kafka_topic_partitions", "Partitions of the topic", TOPIC);
    static final SeriesFamily PARTITIONS_NEEDED = SeriesFamily.gauge("streamfit_kafka_topic_partitions_needed",
            "Partitions the topic's peak write rate and active consumers need: max(ceil(peak / partition-rate), active consumers, 1)", TOPIC);
    static final SeriesFamily SIZE = SeriesFamily.gauge("streamfit_kafka_topic_size_bytes", "Size of the topic's leader replicas on disk", TOPIC);
    static final SeriesFamily RETENTION = SeriesFamily.gauge("streamfit_kafka_topic_retention_seconds", "retention.ms of the topic; +Inf when unlimited", TOPIC);
    static final SeriesFamily RATE = SeriesFamily.gauge("streamfit_kafka_topic_records_per_second", "Records appended per second over the history window", TOPIC);
    static final SeriesFamily OLDEST = SeriesFamily.gauge("streamfit_kafka_topic_oldest_record_age_seconds", "Age of the oldest retained record", TOPIC);
    static final SeriesFamily UNDER_REPLICATED = SeriesFamily.gauge("streamfit_kafka_topic_under_replicated_partitions", "Partitions with fewer in-sync replicas than replicas", TOPIC);
    static final SeriesFamily OFFLINE = SeriesFamily.gauge("streamfit_kafka_topic_offline_partitions", "Partitions without a leader", TOPIC);
    static final SeriesFamily GROUP_LAG = SeriesFamily.gauge("streamfit_kafka_consumergroup_lag", "Records the group can still consume, summed over the topic's partitions", GROUP_TOPIC);
    static final SeriesFamily GROUP_LAG_SECONDS = SeriesFamily.gauge("streamfit_kafka_consumergroup_lag_seconds", "How long the group's oldest unconsumed record of the topic has waited", GROUP_TOPIC);
    static final SeriesFamily LOST_TO_RETENTION = SeriesFamily.gauge("streamfit_kafka_consumergroup_lost_to_retention",
            "Records of the topic deleted by retention before the group consumed them (log start minus committed offset), summed over its partitions", GROUP_TOPIC);
    static final SeriesFamily STATUS = SeriesFamily.gauge("streamfit_kafka_consumergroup_status", "Lag status of the group: 0 OK, 1 WARN, 2 REWIND, 3 STALL, 4 STOP, 5 ERR", GROUP);
    static final SeriesFamily MEMBERS = SeriesFamily.gauge("streamfit_kafka_consumergroup_members", "Members of the group", GROUP);
    static final SeriesFamily PARTITION_LAG = SeriesFamily.gauge("streamfit_kafka_consumergroup_partition_lag", "Records the group can still consume on the partition", GROUP_PARTITION);
    static final SeriesFamily PARTITION_LAG_SECONDS = SeriesFamily.gauge("streamfit_kafka_consumergroup_partition_lag_seconds", "How long the partition's oldest unconsumed record has waited", GROUP_PARTITION);

    private static final List<SeriesFamily> FAMILIES = List.of(PARTITIONS, PARTITIONS_NEEDED, SIZE, RETENTION, RATE, OLDEST,
            UNDER_REPLICATED, OFFLINE, GROUP_LAG, GROUP_LAG_SECONDS, LOST_TO_RETENTION, STATUS, MEMBERS, PARTITION_LAG, PARTITION_LAG_SECONDS);

    @Inject
    StreamFitConfig config;
    @Inject
    KafkaTopicService topics;
    @Inject
    KafkaLagService lag;
    @Inject
    AdvisorService advisor;

    @Override
    protected List<SeriesFamily> families() {
        return FAMILIES;
    }

    @Override
    protected void write(TargetId id, SeriesLines out) {
        StreamFitConfig.KafkaTarget targetConfig = id.system() != SystemKind.KAFKA ? null : config.kafka().get(id.name());
        if (targetConfig == null) {
            return;
        }
        String target = id.name();
        Map<String, Integer> partitionsNeeded = new HashMap<>();
        for (Workload w : advisor.workloads(id)) {
            if (w.partitionsNeeded() != null) {
                partitionsNeeded.put(w.name(), w.partitionsNeeded());
            }
        }
        topics.topics(id).ifPresent(views -> {
            for (KafkaTopicView t : views) {
                if (t.stale()) {
                    continue;
                }
                String topic = t.topic();
                out.add(PARTITIONS, t.partitions(), target, topic);
                out.addKnown(PARTITIONS_NEEDED, partitionsNeeded.get(topic), target, topic);
                out.addKnown(SIZE, t.sizeBytes(), target, topic);
                if (t.retentionMs() != null) {
                    out.add(RETENTION, t.retentionMs() < 0 ? Double.POSITIVE_INFINITY : t.retentionMs() / 1000.0, target, topic);
                }
                out.addKnown(RATE, t.recordsPerSecond(), target, topic);
                out.addKnown(OLDEST, t.oldestRecordAgeSeconds(), target, topic);
                out.add(UNDER_REPLICATED, t.underReplicatedPartitions(), target, topic);
                out.add(OFFLINE, t.offlinePartitions(), target, topic);
            }
        });
        boolean perPartition = targetConfig.partitionMetrics();
        lag.groups(id).ifPresent(groups -> {
            for (KafkaGroupLag g : groups) {
                if (g.stale()) {
                    continue;
                }
                if (g.status() != null) {
                    out.add(STATUS, g.status().code(), target, g.group());
                }
                out.add(MEMBERS, g.members(), target, g.group());
                for (String topic : g.topics()) {
                    out.addKnown(GROUP_LAG, g.lagOn(topic), target, g.group(), topic);
                    out.addKnown(GROUP_LAG_SECONDS, g.lagSecondsOn(topic), target, g.group(), topic);
                    out.addKnown(LOST_TO_RETENTION, g.lostToRetentionOn(topic), target, g.group(), topic);
                }
                if (perPartition) {
                    for (KafkaPartitionLag p : g.partitions()) {
                        String partition = String.valueOf(p.partition());
                        out.addKnown(PARTITION_LAG, p.lag(), target, g.group(), p.topic(), partition);
                        out.addKnown(PARTITION_LAG_SECONDS, p.lagSeconds(), target, g.group(), p.topic(), partition);
                    }
                }
            }
        });
    }
}
