package dev.streamfit.health;

import java.util.List;

import dev.streamfit.findings.Observation;
import dev.streamfit.findings.Rule;

/**
 * A Redis server rule that holds, and the streams on that server it concerns. The observation is the
 * finding (its workload is the server's host:port); the advisor attaches the same observation to each
 * of {@code streams} as a verdict signal ({@link Rule.Use#FINDING_AND_SIGNAL}). Which streams a rule
 * concerns is part of the rule, written next to its condition in {@link RedisHealthRules}; it is
 * empty for the rules that weigh on no verdict.
 */
public record ServerFinding(Observation observation, List<String> streams) {

    /** A server finding that weighs on no stream's verdict. */
    static ServerFinding of(Observation observation) {
        return new ServerFinding(observation, List.of());
    }

    public Rule rule() {
        return observation.rule();
    }
}
