package dev.streamfit.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The configuration file a benchmark gives the service, written with the keys an operator writes
 * (README "Configuration"). The report prints it whole: it is part of what was measured.
 */
final class ServiceConfigFile {

    private final Map<String, String> keys = new LinkedHashMap<>();

    ServiceConfigFile(Duration pollInterval) {
        set("streamfit.poll-interval", BenchOptions.human(pollInterval));
    }

    ServiceConfigFile set(String key, String value) {
        keys.put(key, value);
        return this;
    }

    ServiceConfigFile redis(String name, String url, String streamsGlob) {
        return set("streamfit.redis." + name + ".url", url).set("streamfit.redis." + name + ".streams", streamsGlob);
    }

    ServiceConfigFile kafka(String name, String bootstrapServers, String topicsRegex, String groupsRegex) {
        return set("streamfit.kafka." + name + ".bootstrap-servers", bootstrapServers)
                .set("streamfit.kafka." + name + ".topics", topicsRegex)
                .set("streamfit.kafka." + name + ".groups", groupsRegex);
    }

    /** The properties text, one key a line. */
    String text() {
        return keys.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n"));
    }

    /**
     * The file for the report, with many look-alike targets (the many-targets scenario has 60) cut to
     * the first {@code maxLines} lines and a count of the rest.
     */
    String shown(int maxLines) {
        String[] lines = text().split("\n");
        if (lines.length <= maxLines) {
            return text();
        }
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < maxLines; i++) {
            shown.append(lines[i]).append('\n');
        }
        return shown.append("# … and ").append(lines.length - maxLines).append(" more lines of the same kind\n").toString();
    }
}
