package dev.streamfit.metrics;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.poll.EvaluationPipeline;
import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.TargetStatus;
import dev.streamfit.poll.TargetStatusRegistry;
import io.prometheus.client.Collector;
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.GaugeMetricFamily;

/**
 * Per target: {@code streamfit_target_up}, {@code streamfit_poll_duration_seconds} (collection
 * only), {@code streamfit_poll_interval_seconds} (configured, so that a dashboard or an alert rule can
 * compare the two without knowing the configuration), {@code streamfit_target_partial} (absent while the target is down: partly seen is a question
 * for a target that answered), {@code streamfit_evaluation_duration_seconds} (the stages after it) and
 * {@code streamfit_evaluations_superseded_total}, absent before the target's first poll or
 * evaluation; and {@code streamfit_stage_failures_total} per stage.
 */
@ApplicationScoped
public class TargetMetricsCollector extends Collector {

    static final String UP = "streamfit_target_up";
    static final String POLL_DURATION = "streamfit_poll_duration_seconds";
    static final String POLL_INTERVAL = "streamfit_poll_interval_seconds";
    static final String PARTIAL = "streamfit_target_partial";
    static final String EVALUATION_DURATION = "streamfit_evaluation_duration_seconds";
    /** Counters: their samples are named {@code <name>_total}. */
    static final String SUPERSEDED = "streamfit_evaluations_superseded";
    static final String STAGE_FAILURES = "streamfit_stage_failures";
    static final List<String> GAUGES = List.of(UP, POLL_DURATION, POLL_INTERVAL, PARTIAL, EVALUATION_DURATION);
    static final List<String> COUNTERS = List.of(SUPERSEDED, STAGE_FAILURES);

    @Inject
    StreamFitConfig config;
    @Inject
    TargetStatusRegistry targets;
    @Inject
    EvaluationPipeline pipeline;

    @Override
    public List<MetricFamilySamples> collect() {
        List<String> labels = List.of("system", "target");
        GaugeMetricFamily up = new GaugeMetricFamily(UP, "1 when the target's last poll succeeded, 0 when it failed", labels);
        GaugeMetricFamily duration = new GaugeMetricFamily(POLL_DURATION, "Duration of the target's last poll", labels);
        GaugeMetricFamily interval = new GaugeMetricFamily(POLL_INTERVAL, "How often the target is polled (streamfit.poll-interval)", labels);
        double intervalSeconds = config.pollInterval().toNanos() / 1e9;
        GaugeMetricFamily partial = new GaugeMetricFamily(PARTIAL,
                "1 when the target's last poll could not list or describe everything (its workloads are kept stale), 0 when it saw all", labels);
        for (TargetStatus status : targets.all()) {
            interval.addMetric(List.of(status.system().label(), status.name()), intervalSeconds);
            if (!status.polled()) {
                continue;
            }
            List<String> values = List.of(status.system().label(), status.name());
            up.addMetric(values, status.up() ? 1 : 0);
            duration.addMetric(values, status.lastPollSeconds());
            if (status.up()) {
                partial.addMetric(values, status.partial() ? 1 : 0);
            }
        }
        GaugeMetricFamily evaluation = new GaugeMetricFamily(EVALUATION_DURATION,
                "Duration of the target's last evaluation: history, lag, health and advisor stages", labels);
        CounterMetricFamily superseded = new CounterMetricFamily(SUPERSEDED,
                "Poll results replaced by a newer one before they were evaluated (the history still recorded them): the evaluation does not keep up with the poll interval", labels);
        for (TargetId target : pipeline.targets()) {
            List<String> values = List.of(target.system().label(), target.name());
            pipeline.lastEvaluationSeconds(target).ifPresent(seconds -> evaluation.addMetric(values, seconds));
            superseded.addMetric(values, pipeline.superseded(target));
        }
        CounterMetricFamily failures = new CounterMetricFamily(STAGE_FAILURES,
                "Exceptions thrown by an evaluation stage; the stages after it still ran", List.of("stage"));
        pipeline.failures().forEach((stage, count) -> failures.addMetric(List.of(stage.label()), count));
        return List.of(up, duration, interval, partial, evaluation, superseded, failures);
    }
}
