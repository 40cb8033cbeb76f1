package dev.streamfit.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import dev.streamfit.poll.CollectionProblem;

/**
 * Problems of one Kafka poll, one per kind and operation: a missing ACL is
 * {@link CollectionProblem.Kind#DENIED} naming the operation and resource type; a topic or group deleted
 * while the poll ran is not a problem at all.
 */
final class KafkaProblems {

    private final Map<String, CollectionProblem> byKey = new LinkedHashMap<>();

    /** Records the failure of one item; returns false so callers can write {@code if (!problems.note(..))}. */
    boolean note(String operation, Throwable error) {
        if (error instanceof UnknownTopicOrPartitionException || error instanceof GroupIdNotFoundException) {
            return false;
        }
        if (error instanceof AuthorizationException) {
            add(CollectionProblem.denied(operation,
                    "missing ACL for " + operation + " (" + error.getMessage() + "); the values it gives are unknown"));
        } else {
            add(CollectionProblem.failed(operation, operation + " failed: " + error.getMessage()));
        }
        return false;
    }

    void add(CollectionProblem problem) {
        byKey.putIfAbsent(problem.kind() + "|" + problem.subject(), problem);
    }

    List<CollectionProblem> list() {
        return List.copyOf(byKey.values());
    }
}
