package dev.streamfit.kafka;

/**
 * Lag of a group on a partition: what it can still consume, {@code max(logEnd − max(committed,
 * logStart), 0)}. kafka-consumer-groups prints {@code logEnd − committed}, which for a committed
 * offset below the log start counts records that retention already deleted; StreamFit reports
 * those apart ({@link #lostToRetention}).
 */
public final class KafkaLag {

    private KafkaLag() {
    }

    /** Null when the committed offset or the log end is unknown. */
    public static Long of(Long committed, Long logStart, Long logEnd) {
        if (committed == null || logEnd == null) {
            return null;
        }
        long from = logStart == null ? committed : Math.max(committed, logStart);
        return Math.max(logEnd - from, 0);
    }

    /** Records deleted by retention before the group consumed them: {@code logStart − committed} when positive. */
    public static Long lostToRetention(Long committed, Long logStart) {
        if (committed == null || logStart == null) {
            return null;
        }
        return Math.max(logStart - committed, 0);
    }
}
