package dev.streamfit.metrics;

import java.util.List;

import io.prometheus.client.GaugeMetricFamily;

/** Unknown is absent: a series is added only when its value is known. */
final class KnownValues {

    private KnownValues() {
    }

    static void add(GaugeMetricFamily family, List<String> labels, Number value) {
        if (value != null) {
            family.addMetric(labels, value.doubleValue());
        }
    }
}
