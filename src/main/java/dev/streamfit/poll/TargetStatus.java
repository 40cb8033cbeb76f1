package dev.streamfit.poll;

import java.time.Instant;

/**
 * What the last poll of a target found. Before the first poll {@code up}, {@code lastPollAt} and
 * {@code lastPollSeconds} are unknown ({@code null}), not "down".
 */
public record TargetStatus(SystemKind system, String name, Boolean up, Instant lastPollAt, Double lastPollSeconds,
        String error) {

    public static TargetStatus notYetPolled(TargetId id) {
        return new TargetStatus(id.system(), id.name(), null, null, null, null);
    }

    public TargetId id() {
        return new TargetId(system, name);
    }

    public boolean polled() {
        return up != null;
    }
}
