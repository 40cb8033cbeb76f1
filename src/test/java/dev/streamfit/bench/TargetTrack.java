package dev.streamfit.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the sampler has seen of one target so far: every poll it noticed (by a new {@code lastPollAt}
 * in {@code /api/v1/targets}), the time between successive polls, whether any was down, and the
 * service's own duration gauges read after each poll. Written by the sampler's two threads.
 */
final class TargetTrack {

    private final String target;
    private Instant lastPollAt;
    private final List<Double> gapSeconds = new ArrayList<>();
    private final List<Double> lastPollSeconds = new ArrayList<>();
    private final List<Double> pollGauge = new ArrayList<>();
    private final List<Double> evaluationGauge = new ArrayList<>();
    private boolean gaugeDue;
    private int polls;
    private int downPolls;
    private String firstError;

    TargetTrack(String target) {
        this.target = target;
    }

    /** "system/name", as {@code /api/v1/targets} and the metrics' labels name it. */
    String target() {
        return target;
    }

    /** One element of {@code /api/v1/targets}; a {@code lastPollAt} seen before is no new poll. */
    synchronized void observe(Instant pollAt, Boolean up, Double pollSeconds, String error) {
        if (pollAt == null || pollAt.equals(lastPollAt)) {
            return;
        }
        if (lastPollAt != null) {
            gapSeconds.add((pollAt.toEpochMilli() - lastPollAt.toEpochMilli()) / 1000.0);
        }
        lastPollAt = pollAt;
        polls++;
        if (pollSeconds != null) {
            lastPollSeconds.add(pollSeconds);
        }
        if (Boolean.FALSE.equals(up)) {
            downPolls++;
            firstError = firstError == null ? error : firstError;
        }
        gaugeDue = true;
    }

    /** True when a poll was seen whose gauges have not been read yet. */
    synchronized boolean gaugeDue() {
        return gaugeDue;
    }

    /**
     * The gauges of {@code /q/metrics} requested after this target's last poll was seen: the value of
     * that poll (or of a later one). The evaluation gauge is {@code null} while the service does not
     * export it.
     */
    synchronized void gauges(Double pollSeconds, Double evaluationSeconds) {
        if (pollSeconds != null) {
            pollGauge.add(pollSeconds);
        }
        if (evaluationSeconds != null) {
            evaluationGauge.add(evaluationSeconds);
        }
        gaugeDue = false;
    }

    synchronized int gaugeSamples() {
        return pollGauge.size();
    }

    synchronized ServiceSamples.TargetFigures figures() {
        return new ServiceSamples.TargetFigures(target, polls, lastPollSeconds.isEmpty() ? Double.NaN : lastPollSeconds.get(0),
                Distribution.of(pollGauge), Distribution.of(evaluationGauge), Distribution.of(lastPollSeconds),
                Distribution.of(gapSeconds), downPolls, firstError);
    }
}
