package dev.streamfit.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A report section about the service alone under a load issue 8 describes (no other tool to compare
 * with): the run's facts, the data sets, issue 8's targets met or not, notes on how the run differs
 * from a production set-up, then the service's figures.
 *
 * @param notes    bullets a reader needs to read the figures right, e.g. a shortened window
 * @param kind     which of issue 8's targets apply
 */
record ServiceSection(String heading, String introduction, ScenarioOptions scenario, String versions, String load, List<String> dataSets,
        double loadSeconds, List<String> notes, ServiceRun service, Issue8Targets.Scenario kind) {

    void writeTo(Path file) throws IOException {
        BenchmarkReport.writeSection(file, heading, markdown());
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(heading).append("\n\n").append(introduction).append("\n\n");
        md.append(BenchmarkReport.header(versions, load, scenario.command()));
        md.append(String.format(Locale.ROOT, "- Data sets (loaded in %.1f s):%n", loadSeconds));
        dataSets.forEach(d -> md.append("  - ").append(d).append(".\n"));
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        md.append('\n').append(Issue8Targets.checklist(service, scenario.pollInterval(), kind));
        md.append("\n### The service\n\n").append(service.markdown(scenario.pollInterval(), kind.summarizeTargets));
        return md.toString();
    }

    String summary() {
        return Issue8Targets.checklist(service, scenario.pollInterval(), kind).replace("\n\n", "\n").strip();
    }
}
