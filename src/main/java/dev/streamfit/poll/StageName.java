package dev.streamfit.poll;

/**
 * The stages that turn a poll into figures, findings and verdicts, in the order they run. This
 * enum is that order: each stage reads what the ones before it produced and nothing after it.
 */
public enum StageName {
    /**
     * The latest snapshot of each target and the bounded history of every workload ({@code history}).
     * Sees every poll, also one that a newer poll superseded before it was evaluated: change detection
     * compares each poll with the previous one, so a rewind between two evaluations is never lost.
     */
    HISTORY,
    /** Kafka group and partition lag with Burrow-style statuses ({@code lag}). */
    LAG,
    /** Health rules of targets, Redis and Kafka, reported to the findings registry ({@code health}). */
    HEALTH,
    /** Profiles, the four questions, verdicts and recommendations ({@code advisor}). */
    ADVISOR,
    /**
     * What began or stopped firing, and what still fires, handed to the webhook sinks and the
     * Alertmanager push ({@code alerting}); deliveries run on the sinks' own threads.
     */
    ALERTS,
    /**
     * The read-only views the metrics serve, rebuilt once per evaluation ({@code metrics}): a scrape
     * only merges and renders them.
     */
    VIEWS;

    /** Whether the stage runs for every poll, or only for the newest when evaluation falls behind. */
    public boolean seesEveryPoll() {
        return this == HISTORY;
    }

    /** The {@code stage} label of {@code streamfit_stage_failures_total}. */
    public String label() {
        return name().toLowerCase();
    }
}
