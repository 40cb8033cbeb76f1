package dev.streamfit.poll;

import java.util.Optional;

/**
 * The result of one poll of a target, whatever its outcome, as every {@link Stage} receives it;
 * {@code snapshot} is empty when the poll failed.
 */
public record TargetPolled(TargetStatus status, Optional<TargetSnapshot> snapshot) {
}
