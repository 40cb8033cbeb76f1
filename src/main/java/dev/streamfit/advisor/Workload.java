package dev.streamfit.advisor;

import java.time.Instant;
import java.util.List;

import dev.streamfit.poll.Staleness;
import dev.streamfit.poll.SystemKind;

/**
 * A workload (a Redis stream or a Kafka topic) with its verdict.
 *
 * @param since     when the current verdict took effect
 * @param candidate       a different verdict the latest evaluations point to, not yet held for
 *                        {@code stable-evaluations} (null when they agree with the current one)
 * @param observedSeconds how much history backs the verdict: the span from the workload's oldest to
 *                        its newest sample in the window (0 with a single sample)
 * @param partitionsNeeded for a Kafka topic: the partitions its peak write rate and active consumers need,
 *                        max(ceil(peak ÷ partition-rate), active consumers, 1), which the excess-partitions
 *                        signal compares its partitions with; null for a Redis stream and while the peak is
 *                        unknown
 * @param staleReason     why the last poll could not observe the workload: everything here is what the
 *                        evaluation before said, and the verdict does not move; null when it observed it
 */
public record Workload(SystemKind system, String target, String name, Verdict verdict, Instant since, Verdict candidate,
        double observedSeconds, Questions questions, List<Signal> signals, Recommendation recommendation, Integer partitionsNeeded,
        String staleReason) implements Staleness<Workload> {

    @Override
    public Workload stale(String reason) {
        return new Workload(system, target, name, verdict, since, candidate, observedSeconds, questions, signals, recommendation, partitionsNeeded, reason);
    }
}
