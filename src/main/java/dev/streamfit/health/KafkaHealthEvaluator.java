package dev.streamfit.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.findings.FindingsRegistry;
import dev.streamfit.findings.Observation;
import dev.streamfit.findings.Rule;
import dev.streamfit.findings.Severity;
import dev.streamfit.findings.StaleSubjects;
import dev.streamfit.kafka.KafkaLag;
import dev.streamfit.kafka.KafkaTargetSnapshot;
import dev.streamfit.kafka.KafkaTopicSnapshot;
import dev.streamfit.lag.KafkaGroupLag;
import dev.streamfit.lag.KafkaLagService;
import dev.streamfit.lag.KafkaPartitionLag;
import dev.streamfit.lag.LagStatus;
import dev.streamfit.poll.Stage;
import dev.streamfit.poll.StageName;
import dev.streamfit.poll.Staleness;
import dev.streamfit.poll.TargetPolled;

/**
 * Day-to-day health rules of Kafka (SPEC: health findings), each a method named after its
 * {@link Rule}: a group whose lag status is not OK, records lost to retention before a group
 * consumed them, offline and under-replicated partitions. Reads the lag stage's results.
 * {@code kafka.group.status} names the group (a group spans topics); the other group rule names the
 * topic as the workload and the group; topic rules name the topic.
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
        // Without the lag stage's results (it failed for this poll) the groups' health is unknown, not
        // "no group lags": the findings keep their state rather than resolve.
        event.snapshot().filter(KafkaTargetSnapshot.class::isInstance).map(KafkaTargetSnapshot.class::cast).ifPresent(snapshot ->
                lag.groups(snapshot.target()).ifPresent(groups ->
                        findings.evaluate("kafka-health", snapshot.target(), observations(snapshot, groups), stale(snapshot, groups),
                                snapshot.collectedAt())));
    }

    /** Stale groups and topics are not judged again from an earlier poll's figures: their findings keep their state. */
    static List<Observation> observations(KafkaTargetSnapshot snapshot, List<KafkaGroupLag> groups) {
        List<Observation> observations = new ArrayList<>();
        for (KafkaGroupLag group : groups) {
            if (!group.stale()) {
                groupStatus(group).ifPresent(observations::add);
                observations.addAll(fellOffRetention(group));
            }
        }
        for (KafkaTopicSnapshot topic : snapshot.topics()) {
            if (!topic.stale()) {
                offlinePartitions(topic).ifPresent(observations::add);
                underReplicated(topic).ifPresent(observations::add);
            }
        }
        return observations;
    }

    static StaleSubjects stale(KafkaTargetSnapshot snapshot, List<KafkaGroupLag> groups) {
        return new StaleSubjects(Staleness.reasons(snapshot.topics(), KafkaTopicSnapshot::topic).keySet(),
                Staleness.reasons(groups, KafkaGroupLag::group).keySet());
    }

    /** {@code kafka.group.status}: the group's worst partition status is not OK; critical from STALL on. */
    static Optional<Observation> groupStatus(KafkaGroupLag group) {
        if (group.status() == null || group.status() == LagStatus.OK) {
            return Optional.empty();
        }
        Severity severity = group.status().compareTo(LagStatus.STALL) >= 0 ? Severity.CRITICAL : Rule.KAFKA_GROUP_STATUS.severity();
        return Optional.of(new Observation(Rule.KAFKA_GROUP_STATUS, severity, null, group.group(), (double) group.status().code(), 0.0,
                "consumer group " + group.group() + " is " + group.status() + " (lag " + group.lag() + ")"));
    }

    /** {@code kafka.group.fell-off-retention}: per topic, records deleted by retention before the group consumed them. */
    static List<Observation> fellOffRetention(KafkaGroupLag group) {
        Map<String, Long> lostByTopic = new LinkedHashMap<>();
        for (KafkaPartitionLag p : group.partitions()) {
            Long lost = KafkaLag.lostToRetention(p.committedOffset(), p.logStartOffset());
            if (lost != null && lost > 0) {
                lostByTopic.merge(p.topic(), lost, Long::sum);
            }
        }
        List<Observation> observations = new ArrayList<>();
        lostByTopic.forEach((topic, lost) -> observations.add(Observation.of(Rule.KAFKA_GROUP_FELL_OFF_RETENTION, topic, group.group(),
                (double) lost, 0.0, lost + " records of topic " + topic + " were deleted by retention before group " + group.group()
                        + " consumed them")));
        return observations;
    }

    /** {@code kafka.topic.offline-partitions}: partitions without a leader. */
    static Optional<Observation> offlinePartitions(KafkaTopicSnapshot topic) {
        if (topic.offlinePartitions() <= 0) {
            return Optional.empty();
        }
        return Optional.of(Observation.of(Rule.KAFKA_TOPIC_OFFLINE_PARTITIONS, topic.topic(), null, (double) topic.offlinePartitions(), 0.0,
                topic.offlinePartitions() + " partitions of " + topic.topic() + " have no leader"));
    }

    /** {@code kafka.topic.under-replicated}: partitions with fewer in-sync replicas than replicas. */
    static Optional<Observation> underReplicated(KafkaTopicSnapshot topic) {
        if (topic.underReplicatedPartitions() <= 0) {
            return Optional.empty();
        }
        return Optional.of(Observation.of(Rule.KAFKA_TOPIC_UNDER_REPLICATED, topic.topic(), null, (double) topic.underReplicatedPartitions(),
                0.0, topic.underReplicatedPartitions() + " partitions of " + topic.topic() + " have fewer in-sync replicas than replicas"));
    }
}
