package dev.streamfit.metrics;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.findings.Finding;
import dev.streamfit.findings.FindingState;
import dev.streamfit.findings.FindingsRegistry;
import dev.streamfit.poll.TargetId;
import io.prometheus.client.GaugeMetricFamily;

/**
 * {@code streamfit_finding_active}: 1 per firing finding. {@code group} is empty for findings that
 * concern a whole workload or target, so two groups of one stream never collide.
 */
@ApplicationScoped
public class FindingMetricsCollector extends TargetSeriesCollector {

    @Inject
    FindingsRegistry findings;

    @Override
    protected List<MetricFamilySamples> build(TargetId target) {
        var active = new GaugeMetricFamily("streamfit_finding_active", "1 while the finding is firing",
                List.of("rule", "severity", "system", "target", "workload", "group"));
        for (Finding f : target == null ? List.<Finding>of() : findings.of(target)) {
            if (f.state() == FindingState.FIRING) {
                active.addMetric(List.of(f.rule(), f.severity().label(), f.system().label(), f.target(),
                        f.workload() == null ? "" : f.workload(), f.group() == null ? "" : f.group()), 1);
            }
        }
        return List.of(active);
    }
}
