package dev.streamfit.kafka;

import java.time.Instant;
import java.util.List;

import dev.streamfit.poll.CollectionProblem;
import dev.streamfit.poll.Gap;
import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.TargetSnapshot;

/**
 * A Kafka cluster after one poll: brokers, the watched topics and consumer groups, sorted by name.
 * Topics and groups this poll could not list or describe ({@code gaps}) are the previous poll's,
 * marked stale.
 */
public record KafkaTargetSnapshot(TargetId target, Instant collectedAt, String clusterId, int brokers, Integer controller,
        List<KafkaTopicSnapshot> topics, List<KafkaGroupSnapshot> groups, List<CollectionProblem> problems, List<Gap> gaps)
        implements TargetSnapshot {
}
