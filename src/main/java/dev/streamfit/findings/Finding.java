package dev.streamfit.findings;

import java.time.Instant;

import dev.streamfit.poll.SystemKind;

/**
 * One finding (SPEC: health findings), as the API, the metrics and alerting show it: {@code rule} is
 * the {@link Rule#id()} of the rule that raised it. {@code fingerprint} is stable for the same rule, system,
 * target, workload and group, so a receiver can deduplicate; {@code since} is when it was first observed
 * in its current run.
 */
public record Finding(String fingerprint, String rule, Severity severity, SystemKind system, String target, String workload,
        String group, FindingState state, Instant since, Double value, Double threshold, String message) {
}
