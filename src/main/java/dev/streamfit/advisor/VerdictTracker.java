package dev.streamfit.advisor;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hysteresis and minimum observation for verdicts: a workload is INSUFFICIENT_DATA until observed
 * for min-observation, and a verdict changes only after the new one was proposed by
 * stable-evaluations consecutive evaluations — no flapping.
 */
final class VerdictTracker {

    /** The verdict in effect and the one waiting to replace it. */
    record State(Instant firstSeen, Verdict verdict, Instant since, Verdict candidate, int candidateCount, Instant lastSeen) {
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();

    /**
     * @param proposed what the rules say now
     * @param window   a gap longer than this (the target down, the workload not listed) leaves no
     *                 history to judge by: observation starts again (SPEC: history and unknowns)
     */
    State evaluate(String workload, Verdict proposed, Instant now, Duration minObservation, int stableEvaluations, Duration window) {
        State state = states.get(workload);
        if (state == null || Duration.between(state.lastSeen(), now).compareTo(window) > 0) {
            state = new State(now, Verdict.INSUFFICIENT_DATA, now, null, 0, now);
        }
        Verdict effective = Duration.between(state.firstSeen(), now).compareTo(minObservation) < 0 ? Verdict.INSUFFICIENT_DATA : proposed;
        State next;
        if (effective == state.verdict()) {
            next = new State(state.firstSeen(), state.verdict(), state.since(), null, 0, now);
        } else {
            int count = effective == state.candidate() ? state.candidateCount() + 1 : 1;
            next = count >= stableEvaluations ? new State(state.firstSeen(), effective, now, null, 0, now)
                    : new State(state.firstSeen(), state.verdict(), state.since(), effective, count, now);
        }
        states.put(workload, next);
        return next;
    }

    /**
     * The verdict in effect, without counting an evaluation: for a stale workload, whose figures are
     * an earlier poll's and so no new observation. A workload never evaluated is INSUFFICIENT_DATA.
     */
    State current(String workload, Instant now) {
        State state = states.get(workload);
        return state != null ? state : new State(now, Verdict.INSUFFICIENT_DATA, now, null, 0, now);
    }

    /**
     * Forgets the workloads a successful listing of the target no longer contains. {@code current}
     * includes the stale ones: not observed, but not known to be gone either.
     */
    void retain(Set<String> current) {
        states.keySet().retainAll(current);
    }
}
