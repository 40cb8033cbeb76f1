package dev.streamfit.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One Grafana dashboard file of {@code dashboards/}, with its panels and their queries. */
record Dashboard(String fileName, JsonNode json) {

    static final Path DIRECTORY = Path.of("dashboards");
    /** The dashboards StreamFit ships, by file name. */
    static final List<String> SHIPPED = List.of("streamfit-overview.json", "streamfit-redis.json", "streamfit-kafka.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.+),\\s*(\\w+)\\)$");

    /** A panel's query: what Prometheus is asked. */
    record Query(String panel, String refId, String expr) {

        /** The query as Prometheus gets it from the dashboard with every variable at All. */
        String forPrometheus(String rateInterval) {
            return Dashboard.forPrometheus(expr, rateInterval);
        }

        @Override
        public String toString() {
            return "'" + panel + "' " + refId + ": " + expr;
        }
    }

    static List<Dashboard> shipped() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            List<Dashboard> dashboards = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                dashboards.add(read(file));
            }
            return dashboards;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dashboard read(Path file) {
        try {
            return new Dashboard(file.getFileName().toString(), JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A copy to change, e.g. to break a rule on purpose. */
    Dashboard copy() {
        return new Dashboard(fileName, json.deepCopy());
    }

    /** Every panel that is not a row, rows' nested (collapsed) panels included. */
    List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            if (isRow(panel)) {
                panel.path("panels").forEach(panels::add);
            } else {
                panels.add(panel);
            }
        }
        return panels;
    }

    List<JsonNode> rows() {
        List<JsonNode> rows = new ArrayList<>();
        json.path("panels").forEach(p -> {
            if (isRow(p)) {
                rows.add(p);
            }
        });
        return rows;
    }

    static boolean isRow(JsonNode panel) {
        return "row".equals(panel.path("type").asText());
    }

    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(panel.path("title").asText(), target.path("refId").asText(), target.path("expr").asText()));
            }
        }
        return queries;
    }

    List<JsonNode> variables() {
        List<JsonNode> variables = new ArrayList<>();
        json.path("templating").path("list").forEach(variables::add);
        return variables;
    }

    JsonNode variable(String name) {
        return variables().stream().filter(v -> name.equals(v.path("name").asText())).findFirst().orElse(null);
    }

    /** The query of a {@code label_values(selector, label)} variable; null for other variables. */
    static String labelValuesSelector(JsonNode variable) {
        Matcher m = LABEL_VALUES.matcher(variableQuery(variable).trim());
        return m.matches() ? m.group(1) : null;
    }

    static String variableQuery(JsonNode variable) {
        JsonNode query = variable.path("query");
        return query.isObject() ? query.path("query").asText() : query.asText();
    }

    /** Names of the variables an expression uses ({@code $name}, {@code ${name}}), Grafana's own ({@code $__…}) left out. */
    static List<String> variablesUsed(String expr) {
        List<String> names = new ArrayList<>();
        Matcher m = VARIABLE.matcher(expr);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            if (!name.startsWith("__")) {
                names.add(name);
            }
        }
        return names;
    }

    /** {@code $__rate_interval} as the given range, every other variable as {@code .*} (All). */
    static String forPrometheus(String expr, String rateInterval) {
        String fixed = expr.replace("${__rate_interval}", rateInterval).replace("$__rate_interval", rateInterval);
        return VARIABLE.matcher(fixed).replaceAll(".*");
    }
}
