package dev.streamfit.metrics;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.advisor.AdvisorService;
import dev.streamfit.advisor.Workload;
import dev.streamfit.poll.TargetId;

/** {@code streamfit_workload_verdict}: 1 for each workload's current verdict. */
@ApplicationScoped
public class WorkloadMetricsCollector extends TargetSeriesCollector {

    static final SeriesFamily VERDICT = SeriesFamily.gauge("streamfit_workload_verdict", "1 for the workload's current verdict",
            "system", "target", "workload", "verdict");

    @Inject
    AdvisorService advisor;

    @Override
    protected List<SeriesFamily> families() {
        return List.of(VERDICT);
    }

    @Override
    protected void write(TargetId target, SeriesLines out) {
        for (Workload w : advisor.workloads(target)) {
            out.add(VERDICT, 1, w.system().label(), w.target(), w.name(), w.verdict().name());
        }
    }
}
