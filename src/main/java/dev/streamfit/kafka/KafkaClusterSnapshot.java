package dev.streamfit.kafka;

import java.time.Instant;
import java.util.List;

import dev.streamfit.poll.CollectionProblem;
import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.TargetSnapshot;

/** A Kafka cluster after one poll: what describeCluster answered. */
public record KafkaClusterSnapshot(TargetId target, Instant collectedAt, String clusterId, int brokers,
        List<CollectionProblem> problems) implements TargetSnapshot {
}
