package dev.streamfit.metrics;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.advisor.AdvisorService;
import dev.streamfit.advisor.Workload;
import dev.streamfit.poll.TargetId;
import io.prometheus.client.GaugeMetricFamily;

/** {@code streamfit_workload_verdict}: 1 for each workload's current verdict. */
@ApplicationScoped
public class WorkloadMetricsCollector extends TargetSeriesCollector {

    @Inject
    AdvisorService advisor;

    @Override
    protected List<MetricFamilySamples> build(TargetId target) {
        var verdict = new GaugeMetricFamily("streamfit_workload_verdict", "1 for the workload's current verdict",
                List.of("system", "target", "workload", "verdict"));
        for (Workload w : target == null ? List.<Workload>of() : advisor.workloads(target)) {
            verdict.addMetric(List.of(w.system().label(), w.target(), w.name(), w.verdict().name()), 1);
        }
        return List.of(verdict);
    }
}
