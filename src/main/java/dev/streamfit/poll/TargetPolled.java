package dev.streamfit.poll;

import java.util.Optional;

/**
 * CDI event fired after every poll of a target, whatever its outcome; {@code snapshot} is empty
 * when the poll failed.
 */
public record TargetPolled(TargetStatus status, Optional<TargetSnapshot> snapshot) {
}
