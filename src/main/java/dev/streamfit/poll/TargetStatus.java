package dev.streamfit.poll;

import java.time.Instant;
import java.util.List;

/**
 * What the last poll of a target found. Before the first poll {@code up}, {@code lastPollAt} and
 * {@code lastPollSeconds} are unknown ({@code null}), not "down".
 *
 * @param partial true when the last poll succeeded but could not list or describe everything: the
 *                workloads it could not see are kept from earlier polls, marked stale
 * @param gaps    what it could not list or describe, and why; empty unless partial
 */
public record TargetStatus(SystemKind system, String name, Boolean up, Instant lastPollAt, Double lastPollSeconds,
        String error, boolean partial, List<Gap> gaps) {

    public static TargetStatus notYetPolled(TargetId id) {
        return new TargetStatus(id.system(), id.name(), null, null, null, null, false, List.of());
    }

    public TargetId id() {
        return new TargetId(system, name);
    }

    public boolean polled() {
        return up != null;
    }
}
