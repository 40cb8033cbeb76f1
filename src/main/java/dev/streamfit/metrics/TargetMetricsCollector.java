package dev.streamfit.metrics;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.poll.TargetStatus;
import dev.streamfit.poll.TargetStatusRegistry;
import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;

/** {@code streamfit_target_up} and {@code streamfit_poll_duration_seconds}; absent before a target's first poll. */
@ApplicationScoped
public class TargetMetricsCollector extends Collector {

    @Inject
    TargetStatusRegistry targets;

    @Override
    public List<MetricFamilySamples> collect() {
        List<String> labels = List.of("system", "target");
        GaugeMetricFamily up = new GaugeMetricFamily("streamfit_target_up", "1 when the target's last poll succeeded, 0 when it failed", labels);
        GaugeMetricFamily duration = new GaugeMetricFamily("streamfit_poll_duration_seconds", "Duration of the target's last poll", labels);
        for (TargetStatus status : targets.all()) {
            if (!status.polled()) {
                continue;
            }
            List<String> values = List.of(status.system().label(), status.name());
            up.addMetric(values, status.up() ? 1 : 0);
            duration.addMetric(values, status.lastPollSeconds());
        }
        return List.of(up, duration);
    }
}
