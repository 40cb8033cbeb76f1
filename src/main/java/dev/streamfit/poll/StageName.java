package dev.streamfit.poll;

/**
 * The stages that turn a poll into figures, findings and verdicts, in the order they run. This
 * enum is that order: each stage reads what the ones before it produced and nothing after it.
 */
public enum StageName {
    /** The latest snapshot of each target and the bounded history of every workload ({@code history}). */
    HISTORY,
    /** Kafka group and partition lag with Burrow-style statuses ({@code lag}). */
    LAG,
    /** Health rules of targets, Redis and Kafka, reported to the findings registry ({@code health}). */
    HEALTH,
    /** Profiles, the four questions, verdicts and recommendations ({@code advisor}). */
    ADVISOR,
    /**
     * The read-only views the metrics serve, rebuilt once per evaluation ({@code metrics}): a scrape
     * only merges and renders them.
     */
    VIEWS;

    /** The {@code stage} label of {@code streamfit_stage_failures_total}. */
    public String label() {
        return name().toLowerCase();
    }
}
