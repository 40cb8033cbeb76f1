package dev.streamfit.metrics;

import io.prometheus.client.exporter.common.TextFormat;

/**
 * The two formats /q/metrics speaks, chosen from the request's Accept header as Quarkus' own metrics
 * handler chooses: the classic text format when the client names {@code text/plain} (Prometheus does,
 * as does promtool) or {@code text/html} (a browser), OpenMetrics otherwise.
 */
enum ScrapeFormat {
    TEXT(TextFormat.CONTENT_TYPE_004),
    OPEN_METRICS(TextFormat.CONTENT_TYPE_OPENMETRICS_100);

    /** The line that ends an OpenMetrics exposition, and only that. */
    static final String OPEN_METRICS_END = "# EOF\n";

    final String contentType;

    ScrapeFormat(String contentType) {
        this.contentType = contentType;
    }

    static ScrapeFormat of(String accept) {
        return accept != null && (accept.contains("text/plain") || accept.contains("text/html")) ? TEXT : OPEN_METRICS;
    }
}
