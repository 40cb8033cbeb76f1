package dev.streamfit.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.findings.FindingsRegistry;
import dev.streamfit.findings.Observation;
import dev.streamfit.findings.Severity;
import dev.streamfit.kafka.KafkaLag;
import dev.streamfit.kafka.KafkaTargetSnapshot;
import dev.streamfit.kafka.KafkaTopicSnapshot;
import dev.streamfit.lag.KafkaGroupLag;
import dev.streamfit.lag.KafkaLagService;
import dev.streamfit.lag.KafkaPartitionLag;
import dev.streamfit.lag.LagStatus;
import dev.streamfit.poll.Stage;
import dev.streamfit.poll.StageName;
import dev.streamfit.poll.TargetPolled;

/**
 * Day-to-day health rules of Kafka (SPEC: health findings): a group whose lag status is not OK,
 * records lost to retention before a group consumed them, under-replicated and offline partitions.
 * Reads the lag stage's results. {@code kafka.group.status} names the group (a group spans topics);
 * the other group rule names the topic as the workload and the group; topic rules name the topic.
 */
@ApplicationScoped
public class KafkaHealthEvaluator implements Stage {

    @Inject
    KafkaLagService lag;
    @Inject
    FindingsRegistry findings;

    @Override
    public StageName stage() {
        return StageName.HEALTH;
    }

    @Override
    public void evaluate(TargetPolled event) {
        event.snapshot().filter(KafkaTargetSnapshot.class::isInstance).map(KafkaTargetSnapshot.class::cast).ifPresent(snapshot ->
                findings.evaluate("kafka-health", snapshot.target(), observations(snapshot, lag.groups(snapshot.target()).orElse(List.of())),
                        snapshot.collectedAt()));
    }

    static List<Observation> observations(KafkaTargetSnapshot snapshot, List<KafkaGroupLag> groups) {
        List<Observation> observations = new ArrayList<>();
        for (KafkaGroupLag group : groups) {
            if (group.status() != null && group.status() != LagStatus.OK) {
                Severity severity = group.status().compareTo(LagStatus.STALL) >= 0 ? Severity.CRITICAL : Severity.WARNING;
                observations.add(new Observation("kafka.group.status", severity, null, group.group(), (double) group.status().code(),
                        0.0, "consumer group " + group.group() + " is " + group.status() + " (lag " + group.lag() + ")"));
            }
            Map<String, Long> lostByTopic = new LinkedHashMap<>();
            for (KafkaPartitionLag p : group.partitions()) {
                Long lost = KafkaLag.lostToRetention(p.committedOffset(), p.logStartOffset());
                if (lost != null && lost > 0) {
                    lostByTopic.merge(p.topic(), lost, Long::sum);
                }
            }
            lostByTopic.forEach((topic, lost) -> observations.add(new Observation("kafka.group.fell-off-retention", Severity.WARNING, topic,
                    group.group(), (double) lost, 0.0, lost + " records of topic " + topic + " were deleted by retention before group "
                            + group.group() + " consumed them")));
        }
        for (KafkaTopicSnapshot topic : snapshot.topics()) {
            if (topic.offlinePartitions() > 0) {
                observations.add(new Observation("kafka.topic.offline-partitions", Severity.CRITICAL, topic.topic(), null,
                        (double) topic.offlinePartitions(), 0.0, topic.offlinePartitions() + " partitions of " + topic.topic() + " have no leader"));
            }
            if (topic.underReplicatedPartitions() > 0) {
                observations.add(new Observation("kafka.topic.under-replicated", Severity.WARNING, topic.topic(), null,
                        (double) topic.underReplicatedPartitions(), 0.0,
                        topic.underReplicatedPartitions() + " partitions of " + topic.topic() + " have fewer in-sync replicas than replicas"));
            }
        }
        return observations;
    }
}
