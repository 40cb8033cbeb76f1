package dev.streamfit.history;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.Stage;
import dev.streamfit.poll.StageName;
import dev.streamfit.poll.TargetPolled;
import dev.streamfit.poll.TargetSnapshot;

/**
 * The latest snapshot of every target whose last poll succeeded. When a poll fails the target's
 * snapshot is withdrawn: its figures are no longer current, and unknown is absent, not stale.
 */
@ApplicationScoped
public class SnapshotStore implements Stage {


    private final ConcurrentMap<TargetId, TargetSnapshot> latest = new ConcurrentHashMap<>();

    @Override
    public StageName stage() {
        return StageName.HISTORY;
    }

    @Override
    public void evaluate(TargetPolled event) {
        TargetId id = event.status().id();
        event.snapshot().ifPresentOrElse(s -> latest.put(id, s), () -> latest.remove(id));
    }

    @Override
    public void forget(TargetId target) {
        latest.remove(target);
    }

    public <T extends TargetSnapshot> Optional<T> latest(TargetId id, Class<T> type) {
        TargetSnapshot snapshot = latest.get(id);
        return type.isInstance(snapshot) ? Optional.of(type.cast(snapshot)) : Optional.empty();
    }

    public <T extends TargetSnapshot> java.util.List<T> all(Class<T> type) {
        return latest.values().stream().filter(type::isInstance).map(type::cast)
                .sorted((a, b) -> a.target().compareTo(b.target())).toList();
    }
}
