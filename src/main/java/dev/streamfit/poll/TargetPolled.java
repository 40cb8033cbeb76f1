package dev.streamfit.poll;

/** CDI event fired after every poll of a target, whatever its outcome. */
public record TargetPolled(TargetStatus status) {
}
