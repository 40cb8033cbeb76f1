package dev.streamfit.advisor;

import dev.streamfit.findings.Observation;
import dev.streamfit.findings.Rule;
import dev.streamfit.findings.Severity;

/**
 * One measured reason inside a workload's verdict, e.g. {@code redis.stream.write-rate}: the
 * {@code signals} of {@code /api/v1/workloads}. It has no subject of its own (the workload carries
 * it) and no lifecycle (it is recomputed at every evaluation).
 * <p>
 * Deliberately a type of its own, not a {@link Observation}: an observation is what the health and
 * advisor stages report to the findings registry, about a subject, with a lifecycle. A signal comes
 * from one of two places, and its {@link Rule}'s {@link Rule#use()} says which:
 * <ul>
 * <li>{@link Rule.Use#FINDING_AND_SIGNAL}: a health result on a Redis server that concerns the stream
 * (evictions, exhaustion projected, durability mismatch), taken over unchanged by {@link #from};</li>
 * <li>{@link Rule.Use#SIGNAL}: the advisor's own rules in {@link RedisStreamRules} and {@link KafkaTopicRules}.</li>
 * </ul>
 */
public record Signal(Rule rule, Severity severity, Double value, Double threshold, String message) {

    /** A signal of the advisor's own, at the rule's severity. */
    static Signal of(Rule rule, Double value, Double threshold, String message) {
        return new Signal(rule, rule.severity(), value, threshold, message);
    }

    /** A health result attached to a workload it concerns: the same rule, severity, figures and message. */
    static Signal from(Observation observation) {
        return new Signal(observation.rule(), observation.severity(), observation.value(), observation.threshold(), observation.message());
    }
}
