package dev.streamfit.metrics;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.findings.Finding;
import dev.streamfit.findings.FindingState;
import dev.streamfit.findings.FindingsRegistry;
import dev.streamfit.poll.TargetId;

/**
 * {@code streamfit_finding_active}: 1 per firing finding. {@code group} is empty for findings that
 * concern a whole workload or target, so two groups of one stream never collide.
 */
@ApplicationScoped
public class FindingMetricsCollector extends TargetSeriesCollector {

    static final SeriesFamily ACTIVE = SeriesFamily.gauge("streamfit_finding_active", "1 while the finding is firing",
            "rule", "severity", "system", "target", "workload", "group");

    @Inject
    FindingsRegistry findings;

    @Override
    protected List<SeriesFamily> families() {
        return List.of(ACTIVE);
    }

    @Override
    protected void write(TargetId target, SeriesLines out) {
        for (Finding f : findings.of(target)) {
            if (f.state() == FindingState.FIRING) {
                out.add(ACTIVE, 1, f.rule(), f.severity().label(), f.system().label(), f.target(),
                        f.workload() == null ? "" : f.workload(), f.group() == null ? "" : f.group());
            }
        }
    }
}
