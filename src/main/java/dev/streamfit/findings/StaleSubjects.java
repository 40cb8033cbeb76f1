package dev.streamfit.findings;

import java.util.Set;

/**
 * What an evaluation could not observe: the workloads (streams, topics, servers) and Kafka consumer
 * groups that the poll kept stale because it could not list or describe them. A finding about one of
 * them keeps its state — it neither resolves nor moves on towards firing — until the workload is
 * observed again or a successful listing shows it is gone.
 *
 * @param workloads names of stale workloads: a finding with such a {@code workload} is kept
 * @param groups    names of stale Kafka consumer groups: a finding with such a {@code group} is kept
 */
public record StaleSubjects(Set<String> workloads, Set<String> groups) {

    /** Everything was observed. */
    public static final StaleSubjects NONE = new StaleSubjects(Set.of(), Set.of());

    public StaleSubjects {
        workloads = Set.copyOf(workloads);
        groups = Set.copyOf(groups);
    }

    public static StaleSubjects workloads(Set<String> workloads) {
        return new StaleSubjects(workloads, Set.of());
    }

    /** Whether a finding about {@code workload} and {@code group} (either may be null) concerns something stale. */
    boolean cover(String workload, String group) {
        return workload != null && workloads.contains(workload) || group != null && groups.contains(group);
    }
}
