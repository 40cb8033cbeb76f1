package dev.streamfit.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/** How numbers read in findings, evidence and recommendations: hours, days, MiB, rates, shares. */
public final class Evidence {

    private Evidence() {
    }

    public static String duration(double seconds) {
        if (seconds >= 2 * 86_400) {
            return fixed(seconds / 86_400, 1) + " d";
        }
        if (seconds >= 3_600) {
            return fixed(seconds / 3_600, 1) + " h";
        }
        if (seconds >= 60) {
            return fixed(seconds / 60, 1) + " min";
        }
        return fixed(seconds, 1) + " s";
    }

    public static String bytes(double bytes) {
        if (bytes >= 1L << 30) {
            return fixed(bytes / (1L << 30), 2) + " GiB";
        }
        if (bytes >= 1L << 20) {
            return fixed(bytes / (1L << 20), 1) + " MiB";
        }
        if (bytes >= 1L << 10) {
            return fixed(bytes / (1L << 10), 1) + " KiB";
        }
        return fixed(bytes, 0) + " B";
    }

    public static String rate(double perSecond) {
        return fixed(perSecond, 1) + "/s";
    }

    /**
     * {@code value} with {@code decimals} digits after the point, rounded half up as
     * {@code String.format("%.1f")} rounds, at a tenth of its cost: 10,000 workloads' evidence is
     * written when the API is first read after each evaluation.
     */
    static String fixed(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value) || Math.abs(value) >= 1e15) {
            return String.format(Locale.ROOT, "%." + decimals + "f", value);
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
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
