package dev.streamfit.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A report section comparing the service with another tool on the same data in the same run: what
 * was compared, the run's facts, the comparison table and ratio first, then how the service behaved
 * and how the tool was run. The per-benchmark reports fill in the data set and the tool's method.
 *
 * @param versions   of StreamFit, the servers and the tool ({@link Versions})
 * @param load       {@link OtherWork#summary()}
 * @param dataSet    the data set, one sentence
 * @param toolMethod how the tool was run, one sentence
 */
record ComparisonSection(ToolComparison comparison, ScenarioOptions scenario, String versions, String load, String dataSet,
        double loadSeconds, ServiceRun service, String toolMethod) {

    /** Writes the section into the report file, in place of its earlier version. */
    void writeTo(Path file) throws IOException {
        BenchmarkReport.writeSection(file, comparison.tool().heading, markdown(), comparison.tool().supersededHeading);
    }

    String markdown() {
        ComparedTool tool = comparison.tool();
        return tool.heading + "\n\n" + tool.introduction() + "\n\n" + BenchmarkReport.header(versions, load, scenario.command())
                + String.format(Locale.ROOT, "- Data set (loaded in %.1f s): ", loadSeconds) + dataSet + ".\n"
                + "\n" + comparison.markdown(scenario.command())
                + "\n### The service while it polled " + tool.system + "\n\n" + service.markdown(scenario.pollInterval(), false)
                + "\n### " + tool.name + "\n\n- " + toolMethod + "\n";
    }
}
