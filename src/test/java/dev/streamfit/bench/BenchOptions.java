package dev.streamfit.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code -Dbench.*} options of one benchmark script: each read with its default and checked,
 * and the ones given remembered, so that the report can print the exact command that repeats the
 * run.
 */
final class BenchOptions {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final String script;
    private final Map<String, String> given = new LinkedHashMap<>();

    BenchOptions(String script) {
        this.script = script;
    }

    int integer(String key, int defaultValue, int min) {
        String text = read(key);
        int value;
        try {
            value = text == null ? defaultValue : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + key + " must be a whole number, got '" + text + "'", e);
        }
        if (value < min) {
            throw new IllegalArgumentException("-D" + key + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    /** Durations as in StreamFit's configuration: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h} or ISO-8601. */
    Duration duration(String key, Duration defaultValue) {
        String text = read(key);
        Duration value = text == null ? defaultValue : parseDuration(key, text.trim());
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("-D" + key + " must be positive, got " + text);
        }
        return value;
    }

    Path path(String key, Path defaultValue) {
        String text = read(key);
        return text == null ? defaultValue : Path.of(text);
    }

    /** How to run the benchmark again with the same options. */
    String command() {
        if (given.isEmpty()) {
            return script;
        }
        List<String> options = new ArrayList<>();
        given.forEach((key, value) -> options.add("-D" + key + "=" + value));
        return "BENCH_OPTS='" + String.join(" ", options) + "' " + script;
    }

    /** "5s", "2m", "1h30m": how the configuration and the report write a duration. */
    static String human(Duration duration) {
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.toSeconds();
        StringBuilder text = new StringBuilder();
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
            seconds %= 3600;
        }
        if (seconds >= 60) {
            text.append(seconds / 60).append('m');
            seconds %= 60;
        }
        if (seconds > 0 || text.isEmpty()) {
            text.append(seconds).append('s');
        }
        return text.toString();
    }

    private String read(String key) {
        String value = System.getProperty(key);
        if (value != null) {
            given.put(key, value);
        }
        return value;
    }

    private static Duration parseDuration(String key, String text) {
        Matcher m = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("-D" + key + " must be a duration such as 5s, 2m or PT5S, got '" + text + "'", e);
        }
    }
}
