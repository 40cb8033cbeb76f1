package dev.streamfit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.exporter.common.TextFormat;

/**
 * The series StreamFit renders itself read exactly as the Prometheus client would write them: the
 * same families, rendered by both, give the same bytes in OpenMetrics, and the same but for the
 * client's optional trailing comma in the classic text format — odd names and odd values included.
 */
class SeriesLinesTest {

    private static final SeriesFamily GAUGE = SeriesFamily.gauge("t_gauge", "A gauge \"quoted\" \\ with a\nline feed", "target", "stream");
    private static final SeriesFamily COUNTER = SeriesFamily.counter("t_events", "A counter", "target");
    private static final SeriesFamily EMPTY = SeriesFamily.gauge("t_empty", "Nothing known", "target");

    private static final String[] ODD_NAMES = {"plain", "with space", "quote\"d", "back\\slash", "line\nfeed", "ünï©ødé 流", "emoji 🚀", ""};
    private static final double[] ODD_VALUES = {0, -0.0, 20, -5, 9_999_999, 10_000_000, -10_000_000, 123_456_789, 0.1, -3.5, 1e20, 1.5e-9, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Long.MAX_VALUE, 9_007_199_254_740_993L};

    @Test
    void oddLabelValuesAndValuesRenderAsThePrometheusClientWritesThem() throws Exception {
        SeriesLines lines = new SeriesLines(List.of(GAUGE, COUNTER, EMPTY));
        GaugeMetricFamily gauge = new GaugeMetricFamily(GAUGE.name(), GAUGE.help(), GAUGE.labelNames());
        CounterMetricFamily counter = new CounterMetricFamily(COUNTER.name(), COUNTER.help(), COUNTER.labelNames());
        GaugeMetricFamily empty = new GaugeMetricFamily(EMPTY.name(), EMPTY.help(), EMPTY.labelNames());
        for (int copy = 0; copy < 300; copy++) { // across many chunk boundaries
            for (String name : ODD_NAMES) {
                for (double value : ODD_VALUES) {
                    lines.add(GAUGE, value, "t1", name);
                    gauge.addMetric(List.of("t1", name), value);
                }
                lines.add(COUNTER, 7, name);
                counter.addMetric(List.of(name), 7);
            }
        }
        lines.addKnown(EMPTY, null, "unknown is absent");

        List<MetricFamilySamples> client = List.of(gauge, counter, empty);
        SeriesLines.Rendered[] ours = lines.toArrays();
        assertEquals(clientOpenMetrics(client), rendered(ScrapeFormat.OPEN_METRICS, ours) + ScrapeFormat.OPEN_METRICS_END);
        // The client ends every label set of the classic format with a comma, which the format allows and needs not.
        assertEquals(clientText(client).replace(",} ", "} "), rendered(ScrapeFormat.TEXT, ours));
    }

    @Test
    void theFormatIsChosenAsQuarkusChoosesIt() {
        assertEquals(ScrapeFormat.TEXT, ScrapeFormat.of("application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.3,*/*;q=0.2"));
        assertEquals(ScrapeFormat.TEXT, ScrapeFormat.of("text/html,application/xhtml+xml"));
        assertEquals(ScrapeFormat.OPEN_METRICS, ScrapeFormat.of("*/*"));
        assertEquals(ScrapeFormat.OPEN_METRICS, ScrapeFormat.of(null));
    }

    @Test
    void aSampleWithTheWrongNumberOfLabelsIsRefused() {
        SeriesLines lines = new SeriesLines(List.of(GAUGE));
        assertThrows(IllegalArgumentException.class, () -> lines.add(GAUGE, 1, "only-target"));
    }

    private static String rendered(ScrapeFormat format, SeriesLines.Rendered[] lines) {
        List<SeriesFamily> families = List.of(GAUGE, COUNTER, EMPTY);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < families.size(); i++) {
            out.append(new String(families.get(i).header(format), StandardCharsets.UTF_8)).append(new String(lines[i].toArray(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static String clientOpenMetrics(List<MetricFamilySamples> families) throws Exception {
        StringWriter text = new StringWriter();
        TextFormat.writeOpenMetrics100(text, Collections.enumeration(families));
        return text.toString();
    }

    private static String clientText(List<MetricFamilySamples> families) throws Exception {
        StringWriter text = new StringWriter();
        TextFormat.write004(text, Collections.enumeration(families));
        return text.toString();
    }
}
