package dev.streamfit.bench;

import static dev.streamfit.bench.BenchmarkReport.figure;

import java.util.Locale;

/**
 * The service's polls against the runs of the tool it is compared with, on the same data in the same
 * run, and the ratio issue 8 sets a target for: the tool's median time ÷ the service's median poll.
 * Medians, because on 2 shared cores single runs stray.
 */
record ToolComparison(Distribution pollMillis, String tool, String toolRuns, Distribution toolMillis, double targetRatio) {

    /** The service's own {@code streamfit_poll_duration_seconds} samples of one target, in milliseconds. */
    static Distribution pollMillis(ServiceRun service, String target) {
        return Distribution.of(service.samples().target(target).pollGauge().sorted().stream().map(s -> s * 1000).toList());
    }

    double ratio() {
        return toolMillis.median() / pollMillis.median();
    }

    String summary() {
        return String.format(Locale.ROOT, "service median poll %.1f ms, %s median %.1f ms: %.1f× (target ≥ %.0f×)", pollMillis.median(),
                tool, toolMillis.median(), ratio(), targetRatio);
    }

    String markdown(String command) {
        StringBuilder md = new StringBuilder();
        md.append("| | median ms | min ms | max ms | measured |\n|---|---:|---:|---:|---:|\n");
        row(md, "service poll (`" + ServiceSampler.POLL_GAUGE + "`)", pollMillis, "polls");
        row(md, tool, toolMillis, toolRuns);
        md.append(String.format(Locale.ROOT, "%n**Ratio (%s median ÷ service median poll): %s×** (issue 8's target: ≥ %.0f×). "
                + "Reproduce: `%s`.%n", tool, figure("%.1f", ratio()), targetRatio, command));
        return md.toString();
    }

    private static void row(StringBuilder md, String label, Distribution millis, String runs) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d %s |%n", label, figure("%.1f", millis.median()),
                figure("%.1f", millis.min()), figure("%.1f", millis.max()), millis.count(), runs));
    }
}
