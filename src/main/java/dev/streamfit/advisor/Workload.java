package dev.streamfit.advisor;

import java.time.Instant;
import java.util.List;

import dev.streamfit.poll.SystemKind;

/**
 * A workload (a Redis stream or a Kafka topic) with its verdict.
 *
 * @param since     when the current verdict took effect
 * @param candidate a different verdict the latest evaluations point to, not yet held for
 *                  {@code stable-evaluations} (null when they agree with the current one)
 */
public record Workload(SystemKind system, String target, String name, Verdict verdict, Instant since, Verdict candidate,
        Questions questions, List<Signal> signals, Recommendation recommendation) {
}
