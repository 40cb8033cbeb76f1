package dev.streamfit.lag;

/**
 * Status of a consumer group on a partition (and of the group: its worst partition), from least
 * to most severe. See {@link LagEvaluator} for the rules.
 */
public enum LagStatus {
    /** Caught up, or consuming without falling behind. */
    OK,
    /** Lag grew across the whole window. */
    WARN,
    /** The committed offset moved backwards within the window. */
    REWIND,
    /** A member owns the partition, but the committed offset has not moved for longer than stop-after while lag > 0. */
    STALL,
    /** No member consumes it; the committed offset has not moved for longer than stop-after while lag > 0 and the log end advances. */
    STOP,
    /** The committed offset is below the log start: records were deleted by retention before they were consumed. */
    ERR;

    public static LagStatus worst(LagStatus a, LagStatus b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    /** The value of {@code streamfit_kafka_consumergroup_status}: the ordinal, 0 (OK) to 5 (ERR). */
    public int code() {
        return ordinal();
    }
}
