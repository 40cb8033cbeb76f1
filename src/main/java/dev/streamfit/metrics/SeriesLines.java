package dev.streamfit.metrics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.prometheus.client.Collector;

/**
 * The sample lines of one target's series, written straight into bytes, one buffer per family: a
 * scrape then only copies them. The lines read the same in Prometheus' text format 0.0.4 and in
 * OpenMetrics (no comma after the last label, which both allow). At 10,000 streams × 3 groups this is
 * some 300,000 lines per evaluation, so no sample object or label list is built on the way.
 */
final class SeriesLines {

    private final Map<SeriesFamily, Lines> byFamily = new IdentityHashMap<>();
    private final List<SeriesFamily> families;

    SeriesLines(List<SeriesFamily> families) {
        this.families = families;
        families.forEach(f -> byFamily.put(f, new Lines()));
    }

    /** A sample whose value is known; {@code labelValues} in the order of the family's label names. */
    void add(SeriesFamily family, double value, String... labelValues) {
        if (labelValues.length != family.labelNames().size()) {
            throw new IllegalArgumentException(family.name() + " takes labels " + family.labelNames());
        }
        Lines lines = byFamily.get(family);
        lines.bytes(family.sampleName());
        for (int i = 0; i < labelValues.length; i++) {
            lines.bytes(family.labelOpenings()[i]).labelValue(labelValues[i]).ascii('"');
        }
        lines.ascii("} ").value(value).ascii('\n');
    }

    /** Unknown is absent: a sample is written only when its value is known. */
    void addKnown(SeriesFamily family, Number value, String... labelValues) {
        if (value != null) {
            add(family, value.doubleValue(), labelValues);
        }
    }

    /** The lines written, per family in the order the families were given. */
    Rendered[] toArrays() {
        return families.stream().map(f -> byFamily.get(f).done()).toArray(Rendered[]::new);
    }

    /** One family's lines of one target: full chunks, then the last one's {@code tail} bytes. */
    record Rendered(List<byte[]> chunks, int tail) {

        int size() {
            return chunks.isEmpty() ? 0 : (chunks.size() - 1) * CHUNK + tail;
        }

        void appendTo(ScrapeBody body) {
            for (int i = 0; i < chunks.size(); i++) {
                body.add(chunks.get(i), i == chunks.size() - 1 ? tail : CHUNK);
            }
        }

        byte[] toArray() {
            ScrapeBody body = new ScrapeBody();
            appendTo(body);
            return body.toBuffer().getBytes();
        }
    }

    /**
     * Chunks of 16 KiB, never grown by copying: a family of 30,000 lines is 2.5 MB, which as one array
     * would be a humongous object for G1 (over half a 1 MiB region) — allocated in the old generation
     * at every evaluation, and copied at every doubling on the way.
     */
    static final int CHUNK = 16 * 1024;

    private static final class Lines {
        private final List<byte[]> chunks = new ArrayList<>();
        private byte[] chunk;
        private int size = CHUNK; // no chunk yet: as if the last one were full

        private Rendered done() {
            return new Rendered(List.copyOf(chunks), chunks.isEmpty() ? 0 : size);
        }

        private void next() {
            chunk = new byte[CHUNK];
            chunks.add(chunk);
            size = 0;
        }

        Lines bytes(byte[] bytes) {
            int from = 0;
            while (from < bytes.length) {
                if (size == CHUNK) {
                    next();
                }
                int n = Math.min(bytes.length - from, CHUNK - size);
                System.arraycopy(bytes, from, chunk, size, n);
                size += n;
                from += n;
            }
            return this;
        }

        Lines ascii(char c) {
            if (size == CHUNK) {
                next();
            }
            chunk[size++] = (byte) c;
            return this;
        }

        @SuppressWarnings("deprecation") // the one String method that copies Latin-1 bytes without a new array
        Lines ascii(String s) {
            int from = 0;
            while (from < s.length()) {
                if (size == CHUNK) {
                    next();
                }
                int n = Math.min(s.length() - from, CHUNK - size);
                s.getBytes(from, from + n, chunk, size);
                size += n;
                from += n;
            }
            return this;
        }

        /**
         * As the Prometheus client writes it ({@code 20.0}, {@code 1.0E7}, {@code NaN}, {@code +Inf}); whole
         * numbers below 10^7 — most counts, offsets and bytes — without going through Double.toString,
         * which writes them the same way.
         */
        Lines value(double value) {
            long whole = (long) value;
            if (whole == value && whole > -10_000_000 && whole < 10_000_000 && !(whole == 0 && 1 / value < 0)) {
                return ascii(Long.toString(whole)).ascii(".0");
            }
            return ascii(Collector.doubleToGoString(value));
        }

        /** Escaped as the text format requires: backslash, double quote and line feed; UTF-8 otherwise. */
        Lines labelValue(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c >= 0x80 || c == '\\' || c == '"' || c == '\n') {
                    return bytes(escaped(value).getBytes(StandardCharsets.UTF_8));
                }
            }
            return ascii(value);
        }

        private static String escaped(String value) {
            StringBuilder out = new StringBuilder(value.length() + 8);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '"' -> out.append("\\\"");
                    case '\n' -> out.append("\\n");
                    default -> out.append(c);
                }
            }
            return out.toString();
        }

    }
}
