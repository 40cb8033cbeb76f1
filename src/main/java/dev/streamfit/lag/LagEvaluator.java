package dev.streamfit.lag;

import java.time.Duration;
import java.util.List;

/**
 * Kafka lag evaluation (SPEC: Burrow's model, without its known flaws). Pure functions over the
 * window of one group-partition, evaluated at every poll — not only when the consumer commits
 * (Burrow #58). Rules, first match wins:
 * <ol>
 * <li>committed offset or log end unknown → unknown (null), never OK;</li>
 * <li>committed offset below the log start → ERR (records lost to retention);</li>
 * <li>no lag → OK;</li>
 * <li>the committed offset moved backwards in the window and the group is still re-reading — below
 * the offset it had before the (latest) rewind → REWIND. Once it is back there, or caught up, the
 * rules below apply again: a finished replay is not a lasting status (the rewind stays in the
 * advisor's evidence for the window);</li>
 * <li>lag &gt; 0 and the committed offset unchanged for longer than stop-after: a member owns the
 * partition → STALL; no member and the log end advanced meanwhile → STOP. The time is counted from
 * when the offset last changed, so an earlier zero-lag sample does not hide a stopped consumer
 * (Burrow #290, #745);</li>
 * <li>lag grew across the window ({@link #lagGrew}: at least three samples, never zero, never
 * shrinking between samples, larger at the end) → WARN — a zero-lag point means the consumer caught
 * up meanwhile, so a record landing just before a poll is not a trend;</li>
 * <li>otherwise OK.</li>
 * </ol>
 */
public final class LagEvaluator {

    private LagEvaluator() {
    }

    /**
     * One poll of a group-partition: its committed offset and lag (null: unknown). The last point of
     * a window is the current poll. While the offset is not below the log start, the log end is
     * {@code committed + lag}.
     */
    public record Point(long timeMillis, Long committed, Long lag) {
    }

    /** @param logStart the partition's log start now */
    public static LagStatus status(List<Point> window, Long logStart, boolean memberAssigned, Duration stopAfter) {
        if (window.isEmpty()) {
            return null;
        }
        Point now = window.get(window.size() - 1);
        Long lag = now.lag();
        if (lag == null || now.committed() == null) {
            return null;
        }
        if (logStart != null && now.committed() < logStart) {
            return LagStatus.ERR;
        }
        if (lag == 0) {
            return LagStatus.OK;
        }
        Long rewoundFrom = latestRewindFrom(window);
        if (rewoundFrom != null && now.committed() < rewoundFrom) {
            return LagStatus.REWIND;
        }
        Point since = unchangedSince(window);
        if (now.timeMillis() - since.timeMillis() > stopAfter.toMillis()) {
            if (memberAssigned) {
                return LagStatus.STALL;
            }
            if (since.lag() != null && now.committed() + lag > since.committed() + since.lag()) {
                return LagStatus.STOP;
            }
        }
        return lagGrew(lags(window)) ? LagStatus.WARN : LagStatus.OK;
    }

    /** The committed offset the group had just before its latest move backwards in the window; null without one. */
    static Long latestRewindFrom(List<Point> window) {
        for (int i = window.size() - 1; i > 0; i--) {
            Long before = window.get(i - 1).committed();
            Long after = window.get(i).committed();
            if (before != null && after != null && after < before) {
                return before;
            }
        }
        return null;
    }

    /** The earliest point of the run of points, ending now, that share the current committed offset. */
    private static Point unchangedSince(List<Point> window) {
        Long current = window.get(window.size() - 1).committed();
        int i = window.size() - 1;
        while (i > 0 && current.equals(window.get(i - 1).committed())) {
            i--;
        }
        return window.get(i);
    }

    /** Fewer samples than this are one step, not a trend. */
    static final int MIN_TREND_SAMPLES = 3;

    /**
     * Lag grew across the window — the one definition behind Kafka's WARN and Redis's
     * {@code redis.group.lag-growing}: at least {@value #MIN_TREND_SAMPLES} samples, every lag known and
     * above zero, never shrinking between samples, larger at the end than at the start. A zero anywhere
     * means the consumer caught up meanwhile, so a record landing just before a poll (0, 0, …, 0, 3) is
     * not a trend.
     *
     * @param lags one per sample, oldest first; NaN for unknown
     */
    public static boolean lagGrew(double[] lags) {
        if (lags.length < MIN_TREND_SAMPLES) {
            return false;
        }
        for (int i = 0; i < lags.length; i++) {
            if (Double.isNaN(lags[i]) || lags[i] <= 0 || (i > 0 && lags[i] < lags[i - 1])) {
                return false;
            }
        }
        return lags[lags.length - 1] > lags[0];
    }

    private static double[] lags(List<Point> window) {
        double[] lags = new double[window.size()];
        for (int i = 0; i < lags.length; i++) {
            Long lag = window.get(i).lag();
            lags[i] = lag == null ? Double.NaN : lag;
        }
        return lags;
    }

    /**
     * How long the oldest unconsumed record has waited: now − t(committed), with t interpolated from
     * the partition's observed (time, log-end offset) samples, oldest first (kafka-lag-exporter's
     * method). 0 when caught up. Null when the record predates the samples — the log end had
     * already passed it at the oldest sample, which also covers a window with no writes — rather
     * than extrapolated (kafka-lag-exporter #496 reported "3 years" for a 45-minute replay).
     *
     * @param next the offset of the oldest unconsumed record: max(committed, log start)
     */
    public static Double lagSeconds(long[] times, double[] logEnds, Long next, Long lag, long nowMillis) {
        if (lag == null || next == null) {
            return null;
        }
        if (lag == 0) {
            return 0.0;
        }
        // The record at offset `next` exists once the log end exceeds it.
        double target = next + 1;
        for (int i = 0; i < times.length; i++) {
            if (Double.isNaN(logEnds[i]) || logEnds[i] < target) {
                continue;
            }
            if (i == 0) {
                return null;
            }
            double e1 = logEnds[i - 1];
            if (Double.isNaN(e1)) {
                return null;
            }
            long t1 = times[i - 1];
            long t2 = times[i];
            double produced = t1 + (t2 - t1) * (target - e1) / (logEnds[i] - e1);
            return Math.max(0, nowMillis - produced) / 1000.0;
        }
        return null;
    }
}
