package dev.streamfit.poll;

import io.smallrye.mutiny.Uni;

/**
 * Polls one target. Implementations hold the target's single client, reuse it between polls and
 * release it on {@link #close()}. {@link #poll()} never blocks the calling thread.
 */
public interface TargetPoller extends AutoCloseable {

    TargetId id();

    /** One poll; fails when the target cannot be polled. */
    Uni<? extends TargetSnapshot> poll();

    @Override
    void close();
}
