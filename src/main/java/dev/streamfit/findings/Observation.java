package dev.streamfit.findings;

/**
 * What an evaluator saw in one evaluation: a rule that holds for a workload and, for group-level
 * rules, a consumer group (both null when it concerns the target itself). The registry turns
 * repeated observations into a {@link Finding}.
 */
public record Observation(String rule, Severity severity, String workload, String group, Double value, Double threshold,
        String message) {
}
