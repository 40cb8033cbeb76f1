package dev.streamfit.health;

import java.util.List;
import java.util.Locale;

/** How numbers read in findings, evidence and recommendations: hours, days, MiB, rates, shares. */
public final class Evidence {

    private Evidence() {
    }

    public static String duration(double seconds) {
        if (seconds >= 2 * 86_400) {
            return String.format(Locale.ROOT, "%.1f d", seconds / 86_400);
        }
        if (seconds >= 3_600) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3_600);
        }
        if (seconds >= 60) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    public static String bytes(double bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", bytes / (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1L << 20));
        }
        if (bytes >= 1L << 10) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / (1L << 10));
        }
        return String.format(Locale.ROOT, "%.0f B", bytes);
    }

    public static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f/s", perSecond);
    }

    public static String percent(double share) {
        return Math.round(share * 100) + " %";
    }

    public static String count(int n, String one, String many, List<String> names) {
        return n + " " + (n == 1 ? one : many) + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")");
    }

    /** Like {@link #count} for lists that may be long (every stream of a server): the first three names, then "…". */
    public static String some(List<String> names, String one, String many) {
        if (names.size() <= 3) {
            return count(names.size(), one, many, names);
        }
        return names.size() + " " + many + " (" + String.join(", ", names.subList(0, 3)) + ", …)";
    }
}
