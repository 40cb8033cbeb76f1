package dev.streamfit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What every benchmark report shares: the lines that make a figure checkable (date, machine, load,
 * versions, the command that repeats the run) and writing the report as one section of a Markdown
 * file, so that each benchmark can be run again on its own without touching the others' sections.
 */
final class BenchmarkReport {

    private BenchmarkReport() {
    }

    /**
     * The bullets every section starts with. {@code load} is what {@link Machine#loadAverage()} said
     * before the run and after it, plus what {@link OtherWork} saw meanwhile.
     */
    static String header(String versions, String load, String command) {
        return "- Date: " + OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                + "\n- Machine: " + Machine.describe() + "; " + versions
                + "\n- Load average (1/5/15 min): " + load
                + "\n- Reproduce: `" + command + "`\n";
    }

    /** A number for a table cell: "n/a" for an unknown (NaN) one, never a made-up 0. */
    static String figure(String format, double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
    }

    static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024.0);
    }

    /** A size in KiB below 1 MiB, else in MiB. */
    static String size(long bytes) {
        return bytes >= 0 && bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0) : mib(bytes);
    }

    /** "1 poll", "3 polls". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * Replaces the section that starts with the line {@code heading} (up to the next heading of level
     * 1 or 2) or appends it, and removes the sections headed {@code superseded}: the headings an older
     * version of the benchmark wrote, so that a run never leaves figures of another method behind. The
     * file is read just before writing, and created if needed.
     */
    static void writeSection(Path file, String heading, String section, String... superseded) throws IOException {
        String existing = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        List<String> lines = new ArrayList<>(Arrays.asList(existing.split("\n", -1)));
        for (String old : superseded) {
            int start = sectionStart(lines, old);
            if (start >= 0) {
                lines.subList(start, sectionEnd(lines, start)).clear();
            }
        }
        int start = sectionStart(lines, heading);
        String result;
        if (start < 0) {
            result = String.join("\n", lines).stripTrailing() + "\n\n" + section.stripTrailing() + "\n";
        } else {
            int end = sectionEnd(lines, start);
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

    private static int sectionStart(List<String> lines, String heading) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(heading)) {
                return i;
            }
        }
        return -1;
    }

    private static int sectionEnd(List<String> lines, int start) {
        for (int i = start + 1; i < lines.size(); i++) {
            if (lines.get(i).startsWith("## ") || lines.get(i).startsWith("# ")) {
                return i;
            }
        }
        return lines.size();
    }
}
