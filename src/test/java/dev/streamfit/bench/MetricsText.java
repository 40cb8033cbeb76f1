package dev.streamfit.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the series of one metric out of a Prometheus text exposition (the body of {@code /q/metrics}). */
final class MetricsText {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private MetricsText() {
    }

    /**
     * The series named {@code name} (not its {@code _total}, {@code _bucket} or other relatives),
     * keyed by {@code system/target} from their labels. Empty when the service does not export it.
     */
    static Map<String, Double> byTarget(String body, String name) {
        Map<String, Double> series = new HashMap<>();
        for (String line : body.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            int close = line.lastIndexOf('}');
            Map<String, String> labels = new HashMap<>();
            Matcher m = LABEL.matcher(line.substring(name.length() + 1, close));
            while (m.find()) {
                labels.put(m.group(1), m.group(2));
            }
            String[] rest = line.substring(close + 1).trim().split("\\s+");
            series.put(labels.get("system") + "/" + labels.get("target"), Double.parseDouble(rest[0]));
        }
        return series;
    }
}
