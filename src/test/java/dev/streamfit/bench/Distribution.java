package dev.streamfit.bench;

import java.util.Collection;
import java.util.List;

/**
 * Measured values of one kind (milliseconds, seconds, bytes) and the figures a report gives of
 * them. Percentiles are nearest-rank: with 20 values p99 is the largest, and the report says how
 * many values there were.
 */
record Distribution(List<Double> sorted) {

    static Distribution of(Collection<Double> values) {
        return new Distribution(values.stream().sorted().toList());
    }

    int count() {
        return sorted.size();
    }

    boolean isEmpty() {
        return sorted.isEmpty();
    }

    double median() {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    /** The nearest-rank percentile, {@code p} in (0, 100]. */
    double percentile(double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
    }

    double min() {
        return sorted.isEmpty() ? Double.NaN : sorted.get(0);
    }

    double max() {
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1);
    }

    /** How many values are above {@code limit}. */
    long above(double limit) {
        return sorted.stream().filter(v -> v > limit).count();
    }
}
