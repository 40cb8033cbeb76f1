package dev.streamfit.findings;

/**
 * What the HEALTH or ADVISOR stage saw in one evaluation: a {@link Rule} that holds for a subject —
 * a workload (a stream, a topic, or a Redis server's host:port) and, for group rules, a consumer
 * group (both null when it concerns the target itself). The findings registry turns repeated
 * observations into a {@link Finding} with a lifecycle (pending, firing, resolved).
 * <p>
 * Deliberately not the same type as the advisor's {@code Signal}: an observation has a subject of
 * its own and a lifecycle; a signal is one reason inside one workload's verdict, with neither. Where
 * a health result weighs on a verdict (a Redis server's evictions, say), the advisor derives the
 * signal from the observation ({@code Signal.from}), so both carry the same rule, figures and message.
 */
public record Observation(Rule rule, Severity severity, String workload, String group, Double value, Double threshold,
        String message) {

    /** An observation at the rule's own severity. */
    public static Observation of(Rule rule, String workload, String group, Double value, Double threshold, String message) {
        return new Observation(rule, rule.severity(), workload, group, value, threshold, message);
    }
}
