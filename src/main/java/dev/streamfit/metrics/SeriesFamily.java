package dev.streamfit.metrics;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import io.prometheus.client.Collector;
import io.prometheus.client.exporter.common.TextFormat;

/**
 * One metric family of StreamFit's per-target series: its name, help text, type and label names,
 * defined once. Its {@code # HELP} and {@code # TYPE} lines, in both formats a scrape may ask for, are
 * written by the Prometheus client itself, so that they read exactly as Micrometer's part of
 * /q/metrics does. {@code labelOpenings} are the bytes before each label's value ({@code {target="},
 * {@code ,stream="}), written once here rather than per sample.
 */
record SeriesFamily(String name, String help, Collector.Type type, List<String> labelNames, byte[] textHeader, byte[] openMetricsHeader,
        byte[] sampleName, byte[][] labelOpenings) {

    static SeriesFamily gauge(String name, String help, String... labelNames) {
        return of(name, help, Collector.Type.GAUGE, labelNames);
    }

    /** A counter: its samples are named {@code <name>_total}, as the Prometheus client writes them. */
    static SeriesFamily counter(String name, String help, String... labelNames) {
        return of(name, help, Collector.Type.COUNTER, labelNames);
    }

    private static SeriesFamily of(String name, String help, Collector.Type type, String... labelNames) {
        if (labelNames.length == 0) {
            throw new IllegalArgumentException(name + ": every per-target family has labels, target at least");
        }
        Collector.MetricFamilySamples empty = new Collector.MetricFamilySamples(name, type, help, List.of());
        StringWriter text = new StringWriter();
        StringWriter openMetrics = new StringWriter();
        try {
            TextFormat.write004(text, Collections.enumeration(List.of(empty)));
            TextFormat.writeOpenMetrics100(openMetrics, Collections.enumeration(List.of(empty)));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        String openMetricsHeader = openMetrics.toString();
        if (!openMetricsHeader.endsWith(ScrapeFormat.OPEN_METRICS_END)) {
            throw new IllegalStateException("The Prometheus client no longer ends OpenMetrics with " + ScrapeFormat.OPEN_METRICS_END.trim());
        }
        openMetricsHeader = openMetricsHeader.substring(0, openMetricsHeader.length() - ScrapeFormat.OPEN_METRICS_END.length());
        String sampleName = type == Collector.Type.COUNTER ? name + "_total" : name;
        byte[][] labelOpenings = new byte[labelNames.length][];
        for (int i = 0; i < labelNames.length; i++) {
            labelOpenings[i] = ((i == 0 ? "{" : ",") + labelNames[i] + "=\"").getBytes(StandardCharsets.US_ASCII);
        }
        return new SeriesFamily(name, help, type, List.of(labelNames), text.toString().getBytes(StandardCharsets.UTF_8),
                openMetricsHeader.getBytes(StandardCharsets.UTF_8), sampleName.getBytes(StandardCharsets.US_ASCII), labelOpenings);
    }

    byte[] header(ScrapeFormat format) {
        return format == ScrapeFormat.OPEN_METRICS ? openMetricsHeader : textHeader;
    }
}
