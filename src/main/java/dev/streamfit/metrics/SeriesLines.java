package dev.streamfit.metrics;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
        lines.bytes(family.sampleName()).ascii('{');
        for (int i = 0; i < labelValues.length; i++) {
            if (i > 0) {
                lines.ascii(',');
            }
            lines.ascii(family.labelNames().get(i)).ascii("=\"").labelValue(labelValues[i]).ascii('"');
        }
        lines.ascii("} ").ascii(Collector.doubleToGoString(value)).ascii('\n');
    }

    /** Unknown is absent: a sample is written only when its value is known. */
    void addKnown(SeriesFamily family, Number value, String... labelValues) {
        if (value != null) {
            add(family, value.doubleValue(), labelValues);
        }
    }

    /** The lines written, per family in the order the families were given. */
    byte[][] toArrays() {
        return families.stream().map(f -> byFamily.get(f).toArray()).toArray(byte[][]::new);
    }

    /** A growing byte buffer; not a ByteArrayOutputStream, whose every write takes a lock. */
    private static final class Lines {
        private byte[] buffer = new byte[256];
        private int size;

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }

        Lines bytes(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
            return this;
        }

        Lines ascii(char c) {
            ensure(1);
            buffer[size++] = (byte) c;
            return this;
        }

        Lines ascii(String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                buffer[size++] = (byte) s.charAt(i);
            }
            return this;
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

        byte[] toArray() {
            return Arrays.copyOf(buffer, size);
        }
    }
}
