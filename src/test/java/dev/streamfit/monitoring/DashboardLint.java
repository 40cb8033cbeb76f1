package dev.streamfit.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.streamfit.metrics.ExportedSeries;
import dev.streamfit.support.Promtool;

/**
 * The conventions every StreamFit dashboard keeps: the rules of grafana/dashboard-linter that apply
 * to it (template-datasource, panel-datasource, target-promql, target-rate-interval, target-counter-agg,
 * panel-units, panel-title-description, panel-no-targets, template-label-promql), and StreamFit's own:
 * no {@code __inputs} or {@code ${DS_…}} (the Grafana sidecar cannot resolve them), a stable uid and
 * {@code "id": null}, the label variables multi-select with All, rows, links to the other dashboards
 * and to the report page, and only metrics the service exports. Each problem names its rule.
 */
final class DashboardLint {

    static final String DATASOURCE = "${datasource}";
    /** Grafana unit ids the dashboards may use. */
    static final Set<String> UNITS = Set.of("none", "short", "bytes", "s", "ms", "percentunit", "cps", "wps", "ops");
    /** Variables over label values: each must come from label_values and allow several values and All. */
    static final Set<String> LABEL_VARIABLES = Set.of("target", "stream", "topic", "group");
    /** What {@code $__rate_interval} becomes when a query is checked or run outside Grafana. */
    static final String FIXED_RANGE = "20s";

    private static final Pattern SERIES_NAME = Pattern.compile("\\bstreamfit_[a-zA-Z0-9_]+");
    private static final Pattern RANGE_FUNCTION = Pattern.compile("\\b(rate|irate|increase)\\s*\\(");
    private static final Pattern RANGE = Pattern.compile("\\[([^\\]]*)]");
    private static final Pattern COUNTER_IN_RANGE_FUNCTION = Pattern.compile("\\b(rate|irate|increase)\\s*\\(\\s*$");

    private DashboardLint() {
    }

    /** Every problem of the dashboard, PromQL syntax aside ({@link #invalidPromql}). */
    static List<String> problems(Dashboard dashboard) {
        List<String> problems = new ArrayList<>();
        JsonNode json = dashboard.json();
        templateDatasource(dashboard, problems);
        if (json.has("__inputs") || json.toString().contains("${DS_")) {
            problems.add("no-inputs: __inputs or ${DS_…} found; the Grafana sidecar cannot resolve them, use the datasource variable");
        }
        String expectedUid = dashboard.fileName().replace(".json", "");
        if (!expectedUid.equals(json.path("uid").asText())) {
            problems.add("stable-uid: uid is '" + json.path("uid").asText() + "', expected '" + expectedUid + "' (the file name)");
        }
        if (!json.has("id") || !json.get("id").isNull()) {
            problems.add("id-null: \"id\" must be null so that Grafana assigns its own");
        }
        labelVariables(dashboard, problems);
        rows(dashboard, problems);
        links(dashboard, problems);
        for (JsonNode panel : dashboard.panels()) {
            panel(dashboard, panel, problems);
        }
        return problems;
    }

    private static void templateDatasource(Dashboard dashboard, List<String> problems) {
        JsonNode variable = dashboard.variable("datasource");
        if (variable == null || !"datasource".equals(variable.path("type").asText()) || !"prometheus".equals(variable.path("query").asText())) {
            problems.add("template-datasource: needs a variable 'datasource' of type datasource with query prometheus");
        }
    }

    private static void labelVariables(Dashboard dashboard, List<String> problems) {
        if (dashboard.variable("target") == null) {
            problems.add("template-variables: no 'target' variable");
        }
        for (JsonNode variable : dashboard.variables()) {
            String name = variable.path("name").asText();
            if (!LABEL_VARIABLES.contains(name)) {
                continue;
            }
            String selector = Dashboard.labelValuesSelector(variable);
            if (!"query".equals(variable.path("type").asText()) || selector == null) {
                problems.add("template-variables: '" + name + "' must be a query variable from label_values(…)");
            } else {
                seriesNames("variable '" + name + "'", selector, problems);
            }
            if (!variable.path("multi").asBoolean() || !variable.path("includeAll").asBoolean()) {
                problems.add("template-variables: '" + name + "' must be multi-select with All");
            }
            if (!DATASOURCE.equals(variable.path("datasource").path("uid").asText())) {
                problems.add("template-datasource: variable '" + name + "' must query " + DATASOURCE);
            }
        }
    }

    private static void rows(Dashboard dashboard, List<String> problems) {
        JsonNode panels = dashboard.json().path("panels");
        if (dashboard.rows().size() < 2 || panels.isEmpty() || !Dashboard.isRow(panels.get(0))) {
            problems.add("rows: panels are grouped in at least two rows, the first panel being a row");
        }
        for (JsonNode row : dashboard.rows()) {
            if (row.path("title").asText().isBlank()) {
                problems.add("rows: a row without a title");
            }
        }
    }

    private static void links(Dashboard dashboard, List<String> problems) {
        boolean tagged = false;
        for (JsonNode tag : dashboard.json().path("tags")) {
            tagged |= "streamfit".equals(tag.asText());
        }
        boolean toDashboards = false;
        boolean toReport = false;
        for (JsonNode link : dashboard.json().path("links")) {
            if ("dashboards".equals(link.path("type").asText()) && link.path("tags").toString().contains("\"streamfit\"")) {
                toDashboards = true;
            }
            toReport |= link.path("url").asText().startsWith("${report_url}");
        }
        if (!tagged || !toDashboards) {
            problems.add("links: tag the dashboard 'streamfit' and link the dashboards tagged 'streamfit'");
        }
        if (!toReport || dashboard.variable("report_url") == null) {
            problems.add("links: link the report page at ${report_url}");
        }
    }

    private static void panel(Dashboard dashboard, JsonNode panel, List<String> problems) {
        String title = panel.path("title").asText();
        String where = "panel '" + title + "'";
        if (title.isBlank() || panel.path("description").asText().isBlank()) {
            problems.add("panel-title-description: " + where + " needs a title and a description");
        }
        if (!DATASOURCE.equals(panel.path("datasource").path("uid").asText())) {
            problems.add("panel-datasource: " + where + " must use " + DATASOURCE);
        }
        String unit = panel.path("fieldConfig").path("defaults").path("unit").asText();
        if (!UNITS.contains(unit)) {
            problems.add("panel-units: " + where + " has unit '" + unit + "'; expected one of " + UNITS);
        }
        JsonNode targets = panel.path("targets");
        if (targets.isEmpty()) {
            problems.add("panel-no-targets: " + where + " has no query");
        }
        for (JsonNode target : targets) {
            String expr = target.path("expr").asText();
            String query = where + " " + target.path("refId").asText();
            if (expr.isBlank()) {
                problems.add("panel-no-targets: " + query + " has an empty expression");
            }
            if (!DATASOURCE.equals(target.path("datasource").path("uid").asText())) {
                problems.add("panel-datasource: " + query + " must use " + DATASOURCE);
            }
            rateInterval(query, expr, problems);
            counters(query, expr, problems);
            seriesNames(query, expr, problems);
            for (String variable : Dashboard.variablesUsed(expr)) {
                if (dashboard.variable(variable) == null) {
                    problems.add("template-variables: " + query + " uses $" + variable + ", which the dashboard does not define");
                }
            }
        }
    }

    /** target-rate-interval: a range function's range is $__rate_interval, which Grafana keeps ≥ 4 scrape intervals. */
    static void rateInterval(String query, String expr, List<String> problems) {
        Matcher function = RANGE_FUNCTION.matcher(expr);
        while (function.find()) {
            String argument = expr.substring(function.end(), closingParenthesis(expr, function.end() - 1));
            Matcher range = RANGE.matcher(argument);
            while (range.find()) {
                if (!range.group(1).equals("$__rate_interval")) {
                    problems.add("target-rate-interval: " + query + " uses " + function.group(1) + "(…[" + range.group(1)
                            + "]); use [$__rate_interval]");
                }
            }
        }
    }

    /** target-counter-agg: a counter only inside rate, irate or increase; a gauge never inside them. */
    static void counters(String query, String expr, List<String> problems) {
        Set<String> counters = ExportedSeries.counters();
        Matcher name = SERIES_NAME.matcher(expr);
        while (name.find()) {
            boolean inRangeFunction = COUNTER_IN_RANGE_FUNCTION.matcher(expr.substring(0, name.start())).find();
            if (counters.contains(name.group()) && !inRangeFunction) {
                problems.add("target-counter-agg: " + query + " uses the counter " + name.group() + " outside rate/increase");
            }
            if (!counters.contains(name.group()) && inRangeFunction) {
                problems.add("target-counter-agg: " + query + " takes the rate of the gauge " + name.group());
            }
        }
    }

    /** Every streamfit_ series an expression names is one the service exports. */
    static void seriesNames(String where, String expr, List<String> problems) {
        Set<String> exported = ExportedSeries.all();
        Matcher name = SERIES_NAME.matcher(expr);
        while (name.find()) {
            if (!exported.contains(name.group())) {
                problems.add("exported-metrics: " + where + " names " + name.group() + ", which StreamFit does not export");
            }
        }
    }

    private static int closingParenthesis(String expr, int open) {
        int depth = 0;
        for (int i = open; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return expr.length();
    }

    /**
     * target-promql and template-label-promql: every panel query and every label_values selector, with
     * the variables at All, parsed by Prometheus's own parser ({@code promtool check rules} over a rule
     * file that records each). Returns promtool's complaint and which query each recorded name is, or
     * null when every query is valid PromQL.
     */
    static String invalidPromql(List<Dashboard> dashboards, Path workDir) {
        Map<String, String> recorded = new LinkedHashMap<>();
        for (Dashboard dashboard : dashboards) {
            for (Dashboard.Query query : dashboard.queries()) {
                recorded.put(dashboard.fileName() + " " + query, query.forPrometheus(FIXED_RANGE));
            }
            for (JsonNode variable : dashboard.variables()) {
                String selector = Dashboard.labelValuesSelector(variable);
                if (selector != null) {
                    recorded.put(dashboard.fileName() + " variable " + variable.path("name").asText(), Dashboard.forPrometheus(selector, FIXED_RANGE));
                }
            }
        }
        List<Map<String, String>> rules = new ArrayList<>();
        StringBuilder legend = new StringBuilder();
        int n = 0;
        for (Map.Entry<String, String> query : recorded.entrySet()) {
            String record = "dashboard_query_" + n++;
            rules.add(Map.of("record", record, "expr", query.getValue()));
            legend.append(record).append(" = ").append(query.getKey()).append('\n');
        }
        try {
            Path file = workDir.resolve("dashboard-queries.yaml");
            new YAMLMapper().writeValue(file.toFile(), Map.of("groups", List.of(Map.of("name", "dashboard-queries", "rules", rules))));
            Promtool.Result check = Promtool.checkRules(file);
            return check.passed() ? null : check.output() + "\nwhere\n" + legend;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
