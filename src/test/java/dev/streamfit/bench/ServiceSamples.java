package dev.streamfit.bench;

import java.util.List;

/**
 * What {@link ServiceSampler} saw of the running service: per target its polls, and the latency of
 * the API and metrics endpoints while it polled.
 *
 * @param evaluationGaugeExported whether {@code /q/metrics} had {@code streamfit_evaluation_duration_seconds} at all
 * @param failedRequests requests that got no 200 answer, and the first of them
 */
record ServiceSamples(double seconds, List<TargetFigures> targets, Distribution targetsMillis, Distribution workloadsMillis,
        Distribution metricsMillis, long workloadsBytes, long metricsBytes, boolean evaluationGaugeExported, int failedRequests,
        String firstFailure) {

    /**
     * One target.
     *
     * @param polls           polls seen (each a new {@code lastPollAt})
     * @param firstPollSeconds the first poll seen, cold JVM and new clients
     * @param pollGauge       {@code streamfit_poll_duration_seconds} after each poll seen
     * @param evaluationGauge {@code streamfit_evaluation_duration_seconds} after each poll seen; empty when not exported
     * @param lastPollSeconds {@code lastPollSeconds} of {@code /api/v1/targets}, every poll seen
     * @param gapSeconds      time between successive {@code lastPollAt}
     * @param downPolls       polls reported {@code up: false}
     */
    record TargetFigures(String target, int polls, double firstPollSeconds, Distribution pollGauge, Distribution evaluationGauge,
            Distribution lastPollSeconds, Distribution gapSeconds, int downPolls, String firstError) {
    }

    TargetFigures target(String target) {
        return targets.stream().filter(t -> t.target().equals(target)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no figures for target " + target));
    }

    int downPolls() {
        return targets.stream().mapToInt(TargetFigures::downPolls).sum();
    }
}
