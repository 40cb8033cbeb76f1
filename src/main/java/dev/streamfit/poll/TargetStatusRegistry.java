package dev.streamfit.poll;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

/** The latest {@link TargetStatus} of every configured target. */
@ApplicationScoped
public class TargetStatusRegistry {

    private final ConcurrentMap<TargetId, TargetStatus> statuses = new ConcurrentHashMap<>();

    void register(TargetId id) {
        statuses.putIfAbsent(id, TargetStatus.notYetPolled(id));
    }

    void update(TargetStatus status) {
        statuses.put(status.id(), status);
    }

    public Optional<TargetStatus> status(TargetId id) {
        return Optional.ofNullable(statuses.get(id));
    }

    /** Sorted by system, then name. */
    public List<TargetStatus> all() {
        return statuses.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

}
