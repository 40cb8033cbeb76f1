package dev.streamfit.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The shipped dashboards keep every convention of {@link DashboardLint}; a dashboard that breaks one is caught. */
class DashboardLintTest {

    @TempDir
    Path workDir;

    @Test
    void theThreeDashboardsAreShipped() {
        assertEquals(Dashboard.SHIPPED.stream().sorted().toList(), Dashboard.shipped().stream().map(Dashboard::fileName).toList());
    }

    @Test
    void everyDashboardKeepsTheConventions() {
        for (Dashboard dashboard : Dashboard.shipped()) {
            assertEquals(List.of(), DashboardLint.problems(dashboard), dashboard.fileName());
        }
    }

    @Test
    void everyQueryIsValidPromql() {
        assertNull(DashboardLint.invalidPromql(Dashboard.shipped(), workDir));
    }

    @Test
    void aDashboardThatBreaksEachRuleIsReportedRuleByRule() {
        Dashboard broken = Dashboard.read(Dashboard.DIRECTORY.resolve("streamfit-overview.json")).copy();
        ObjectNode json = (ObjectNode) broken.json();
        json.putObject("__inputs");
        json.put("uid", "renamed");
        json.put("id", 7);
        ObjectNode first = (ObjectNode) broken.panels().get(0);
        first.put("description", "");
        ((ObjectNode) first.path("fieldConfig").path("defaults")).remove("unit");
        ((ObjectNode) first.path("datasource")).put("uid", "prometheus");
        ObjectNode query = (ObjectNode) first.path("targets").get(0);
        query.put("expr", "streamfit_evaluations_superseded_total + rate(streamfit_target_up[5m]) + streamfit_no_such_series{stream=~\"$stream\"}");
        ((ObjectNode) broken.variable("target")).put("multi", false);

        String problems = String.join("\n", DashboardLint.problems(broken));
        for (String rule : List.of("no-inputs", "stable-uid", "id-null", "panel-title-description", "panel-units", "panel-datasource",
                "target-rate-interval", "target-counter-agg: panel 'Targets up' A uses the counter streamfit_evaluations_superseded_total",
                "target-counter-agg: panel 'Targets up' A takes the rate of the gauge streamfit_target_up",
                "exported-metrics: panel 'Targets up' A names streamfit_no_such_series",
                "uses $stream, which the dashboard does not define", "'target' must be multi-select with All")) {
            assertTrue(problems.contains(rule), rule + " not reported in:\n" + problems);
        }
    }

    @Test
    void invalidPromqlIsReportedWithTheQueryItCameFrom() {
        Dashboard broken = Dashboard.read(Dashboard.DIRECTORY.resolve("streamfit-kafka.json")).copy();
        ((ObjectNode) broken.panels().get(0).path("targets").get(0)).put("expr", "sum(streamfit_kafka_consumergroup_lag{target=~\"$target\"}");
        String complaint = DashboardLint.invalidPromql(List.of(broken), workDir);
        assertNotNull(complaint);
        assertTrue(complaint.contains("streamfit-kafka.json 'Lag (records)' A"), complaint);
    }
}
