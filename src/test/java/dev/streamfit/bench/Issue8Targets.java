package dev.streamfit.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The service-level targets issue 8 sets for a run of the service with many workloads, each checked
 * against what was measured: never down, never a blocked event loop, API and metrics p99 under 1 s;
 * with many targets each polled within 1.2 × the interval; with a full window of history the heap
 * after a full GC within 256 MiB.
 */
final class Issue8Targets {

    /** Which targets a scenario is held to, and how its report lists the targets it watched. */
    enum Scenario {
        /** Both comparisons' data sets at a 2 s poll with a full window: the heap target applies. */
        BOTH_TARGETS(true, false, false),
        /** 50 + 10 small targets at a 5 s poll: each polled on time; one table row per system. */
        MANY_TARGETS(false, true, true);

        final boolean heapTarget;
        final boolean onTimeTarget;
        final boolean summarizeTargets;

        Scenario(boolean heapTarget, boolean onTimeTarget, boolean summarizeTargets) {
            this.heapTarget = heapTarget;
            this.onTimeTarget = onTimeTarget;
            this.summarizeTargets = summarizeTargets;
        }
    }

    static final double P99_LIMIT_MILLIS = 1000;
    static final long HEAP_LIMIT_BYTES = 256L * 1024 * 1024;

    private Issue8Targets() {
    }

    /** One line per target: "met" or "**not met**", with the figure it was held to. */
    static String checklist(ServiceRun run, Duration interval, Scenario scenario) {
        ServiceSamples samples = run.samples();
        double limit = ServiceFiguresMarkdown.ON_TIME_FACTOR * ServiceFiguresMarkdown.seconds(interval);
        double longestGap = Distribution.of(samples.targets().stream().map(t -> t.gapSeconds().max()).toList()).max();
        List<String> lines = new ArrayList<>();
        lines.add(line(samples.downPolls() == 0, "no target ever reported down", BenchmarkReport.count(samples.downPolls(), "poll") + " down"));
        lines.add(line(run.log().blockedWarnings() == 0, "no blocked-thread warning", BenchmarkReport.count(run.log().blockedWarnings(), "warning")));
        lines.add(p99("`GET /api/v1/targets`", samples.targetsMillis()));
        lines.add(p99("`GET /api/v1/workloads`", samples.workloadsMillis()));
        lines.add(p99("`GET /q/metrics`", samples.metricsMillis()));
        if (scenario.onTimeTarget) {
            lines.add(line(longestGap <= limit, String.format(Locale.ROOT, "every target polled within %.1f × the interval (%.1f s)",
                    ServiceFiguresMarkdown.ON_TIME_FACTOR, limit), String.format(Locale.ROOT, "longest gap %.1f s", longestGap)));
        }
        if (scenario.heapTarget) {
            lines.add(line(run.heap().usedBytes() >= 0 && run.heap().usedBytes() <= HEAP_LIMIT_BYTES, "heap after a full GC ≤ 256 MiB",
                    BenchmarkReport.mib(run.heap().usedBytes())));
        }
        StringBuilder md = new StringBuilder("Issue 8's targets for this run:\n\n");
        lines.forEach(l -> md.append("- ").append(l).append('\n'));
        return md.toString();
    }

    private static String p99(String endpoint, Distribution millis) {
        return line(millis.percentile(99) < P99_LIMIT_MILLIS, endpoint + " p99 under 1 s",
                String.format(Locale.ROOT, "%s ms over %d requests", BenchmarkReport.figure("%.1f", millis.percentile(99)), millis.count()));
    }

    private static String line(boolean met, String target, String measured) {
        return (met ? "met: " : "**not met**: ") + target + " (" + measured + ")";
    }
}
