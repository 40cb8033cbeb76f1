package dev.streamfit.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.streamfit.support.Promtool;

/**
 * The alert rules in helm/streamfit/rules are valid Prometheus rules, fire and stay silent as their
 * promtool unit tests expect, and each says what to do: a summary, a description and a runbook link
 * to a README section that exists.
 */
class AlertRulesTest {

    static final Path RULES = Path.of("helm", "streamfit", "rules", "streamfit-alerts.yaml");
    static final Path UNIT_TESTS = Path.of("src", "test", "resources", "prometheus", "streamfit-alerts-test.yaml");
    static final String RUNBOOK_BASE = "https://github.com/streamfit/streamfit/blob/main/README.md#";

    private final YAMLMapper yaml = new YAMLMapper();

    @Test
    void promtoolAcceptsTheRules() {
        Promtool.Result check = Promtool.checkRules(RULES);
        assertTrue(check.passed(), check.output());
    }

    @Test
    void promtoolUnitTestsPass() {
        Promtool.Result test = Promtool.testRules(UNIT_TESTS);
        assertTrue(test.passed(), test.output());
    }

    @Test
    void everyAlertHasAFiringAndANonFiringCase() throws IOException {
        Set<String> firing = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (JsonNode test : yaml.readTree(UNIT_TESTS.toFile()).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                (check.path("exp_alerts").isEmpty() ? silent : firing).add(check.path("alertname").asText());
            }
        }
        Set<String> alerts = new TreeSet<>(alertNames());
        assertEquals(alerts, firing, "alerts with a case where they fire");
        assertEquals(alerts, silent, "alerts with a case where they do not fire");
    }

    @Test
    void everyAlertSaysWhatHappenedAndLinksItsRunbookInTheReadme() throws IOException {
        Set<String> anchors = readmeAnchors();
        List<String> problems = new ArrayList<>();
        for (JsonNode rule : alertRules()) {
            String alert = rule.path("alert").asText();
            JsonNode annotations = rule.path("annotations");
            if (annotations.path("summary").asText().isBlank() || annotations.path("description").asText().isBlank()) {
                problems.add(alert + ": needs a summary and a description");
            }
            String runbook = annotations.path("runbook_url").asText();
            if (!runbook.startsWith(RUNBOOK_BASE) || !anchors.contains(runbook.substring(RUNBOOK_BASE.length()))) {
                problems.add(alert + ": runbook_url " + runbook + " is not a section of the README");
            }
            if (!Set.of("critical", "warning", "info").contains(rule.path("labels").path("severity").asText())) {
                problems.add(alert + ": severity must be critical, warning or info");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyRuleNamesOnlySeriesTheServiceExports() throws IOException {
        List<String> problems = new ArrayList<>();
        for (JsonNode rule : alertRules()) {
            String expr = rule.path("expr").asText();
            DashboardLint.seriesNames("alert " + rule.path("alert").asText(), expr, problems);
            DashboardLint.counters("alert " + rule.path("alert").asText(), expr, problems);
        }
        assertEquals(List.of(), problems);
        assertFalse(alertNames().isEmpty());
    }

    private List<JsonNode> alertRules() throws IOException {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode group : yaml.readTree(RULES.toFile()).path("groups")) {
            group.path("rules").forEach(rules::add);
        }
        return rules;
    }

    private List<String> alertNames() throws IOException {
        return alertRules().stream().map(r -> r.path("alert").asText()).toList();
    }

    /** The anchors GitHub gives the README's headings: lower case, spaces as hyphens, punctuation dropped. */
    static Set<String> readmeAnchors() throws IOException {
        Set<String> anchors = new TreeSet<>();
        boolean inCode = false;
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            inCode ^= line.startsWith("```");
            if (!inCode && line.startsWith("#")) {
                String heading = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
                anchors.add(heading.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }
}
