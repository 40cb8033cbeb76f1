package dev.streamfit.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import dev.streamfit.poll.CollectionProblem;
import dev.streamfit.poll.Gap;

/**
 * Problems of one Kafka poll, one per kind and operation: a missing ACL is
 * {@link CollectionProblem.Kind#DENIED} naming the operation and resource type; a topic or group deleted
 * while the poll ran is not a problem at all. A listing or describe that failed is also a {@link Gap}:
 * the topics or groups it covers are unknown, not gone.
 */
final class KafkaProblems {

    private final Map<String, CollectionProblem> byKey = new LinkedHashMap<>();
    private final Map<String, Gap> gaps = new LinkedHashMap<>();

    /** Records the failure of one item; returns false so callers can write {@code if (!problems.note(..))}. */
    boolean note(String operation, Throwable error) {
        if (deleted(error)) {
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

    /**
     * Records a listing or describe that failed. Returns why the topics or groups it covers are
     * unknown — they stay as the previous poll saw them, stale for this reason — or null when the
     * broker says the item was deleted: gone, not unknown.
     */
    String gap(String operation, Throwable error) {
        if (deleted(error)) {
            return null;
        }
        note(operation, error);
        String reason = operation + (error instanceof AuthorizationException ? " denied: " : " failed: ") + error.getMessage();
        gaps.putIfAbsent(operation, new Gap(operation, reason));
        return reason;
    }

    private static boolean deleted(Throwable error) {
        return error instanceof UnknownTopicOrPartitionException || error instanceof GroupIdNotFoundException;
    }

    void add(CollectionProblem problem) {
        byKey.putIfAbsent(problem.kind() + "|" + problem.subject(), problem);
    }

    List<CollectionProblem> list() {
        return List.copyOf(byKey.values());
    }

    List<Gap> gaps() {
        return List.copyOf(gaps.values());
    }
}
