package dev.streamfit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** What the benchmark mains share for their reports: machine facts, command output, medians, and writing their section. */
final class BenchmarkReport {
    private BenchmarkReport() {
    }

    /**
     * Replaces the section that starts with the line {@code heading} (up to the next heading of level 1 or 2) or appends
     * it; the file is read just before writing, and created if needed.
     */
    static void writeSection(Path file, String heading, String section) throws IOException {
        String existing = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        List<String> lines = new ArrayList<>(Arrays.asList(existing.split("\n", -1)));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(heading)) {
                start = i;
                break;
            }
        }
        String result;
        if (start < 0) {
            result = existing.stripTrailing() + "\n\n" + section.stripTrailing() + "\n";
        } else {
            int end = lines.size();
            for (int i = start + 1; i < lines.size(); i++) {
                if (lines.get(i).startsWith("## ") || lines.get(i).startsWith("# ")) {
                    end = i;
                    break;
                }
            }
            String before = String.join("\n", lines.subList(0, start));
            String after = String.join("\n", lines.subList(end, lines.size()));
            result = (before.isBlank() ? "" : before.stripTrailing() + "\n\n") + section.stripTrailing() + "\n"
                    + (after.isBlank() ? "" : "\n" + after.stripTrailing() + "\n");
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, result);
    }

    // ---------------------------------------------------------------- machine

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + "/" + parts[1] + "/" + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String nproc() {
        String out = commandOutput(List.of("nproc"), 10).strip();
        return out.matches("\\d+") ? out : String.valueOf(Runtime.getRuntime().availableProcessors());
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown CPU";
    }

    static String totalRam() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return "unknown";
    }

    /** The command's standard output and error together, waiting up to the timeout for it to end; "" if it cannot start. */
    static String commandOutput(List<String> command, long timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    // ---------------------------------------------------------------- figures

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }
}
