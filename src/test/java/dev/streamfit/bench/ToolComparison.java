package dev.streamfit.bench;

import static dev.streamfit.bench.BenchmarkReport.figure;

import java.util.Locale;

/**
 * The service's polls of one target against the uses of the tool it is compared with, on the same
 * data in the same run, and the ratio issue 8 sets a target for: the tool's median time ÷ the
 * service's median poll. Medians, because on 2 shared cores single runs stray.
 *
 * @param pollMillis the service's own {@code streamfit_poll_duration_seconds} samples, in milliseconds
 */
record ToolComparison(ComparedTool tool, Distribution pollMillis, Distribution toolMillis) {

    static ToolComparison of(ComparedTool tool, ServiceRun service, String target, Distribution toolMillis) {
        return new ToolComparison(tool, Distribution.of(service.samples().target(target).pollGauge().sorted().stream().map(s -> s * 1000)
                .toList()), toolMillis);
    }

    double ratio() {
        return toolMillis.median() / pollMillis.median();
    }

    String summary() {
        return String.format(Locale.ROOT, "service median poll %.1f ms, %s median %s %.1f ms: %.1f× (target ≥ %.0f×)", pollMillis.median(),
                tool.name, tool.use, toolMillis.median(), ratio(), tool.targetRatio);
    }

    String markdown(String command) {
        StringBuilder md = new StringBuilder();
        md.append("| | median ms | min ms | max ms | measured |\n|---|---:|---:|---:|---:|\n");
        row(md, "service poll (`" + ServiceSampler.POLL_GAUGE + "`)", pollMillis, "polls");
        row(md, tool.name + " " + tool.use, toolMillis, tool.use + "s");
        md.append(String.format(Locale.ROOT, "%n**Ratio (%s median %s ÷ service median poll): %s×** (issue 8's target: ≥ %.0f×). "
                + "Reproduce: `%s`.%n", tool.name, tool.use, figure("%.1f", ratio()), tool.targetRatio, command));
        return md.toString();
    }

    private static void row(StringBuilder md, String label, Distribution millis, String uses) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d %s |%n", label, figure("%.1f", millis.median()),
                figure("%.1f", millis.min()), figure("%.1f", millis.max()), millis.count(), uses));
    }
}
