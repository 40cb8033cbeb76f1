package dev.streamfit.metrics;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.alerting.AlertingStage;
import dev.streamfit.alerting.DeliveryStats;
import io.prometheus.client.Collector;
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.SummaryMetricFamily;

/**
 * Per webhook sink: {@code streamfit_webhook_deliveries_total{webhook,outcome}}, {@code streamfit_webhook_queue_size}
 * and {@code streamfit_webhook_delivery_latency_seconds} (raised to delivered); with an Alertmanager,
 * {@code streamfit_alertmanager_pushes_total{outcome}}. Read at scrape time.
 */
@ApplicationScoped
public class AlertingMetricsCollector extends Collector {

    @Inject
    AlertingStage alerting;

    @Override
    public List<MetricFamilySamples> collect() {
        CounterMetricFamily deliveries = new CounterMetricFamily("streamfit_webhook_deliveries",
                "Webhook notices by outcome: delivered, retried (one per retry), failed (refused or given up), dropped (queue full)",
                List.of("webhook", "outcome"));
        GaugeMetricFamily queue = new GaugeMetricFamily("streamfit_webhook_queue_size", "Notices waiting to be delivered, the one in flight included",
                List.of("webhook"));
        SummaryMetricFamily latency = new SummaryMetricFamily("streamfit_webhook_delivery_latency_seconds",
                "Time from a notice being raised to the receiver accepting it, retries included", List.of("webhook"), List.of());
        for (String webhook : alerting.webhooks()) {
            alerting.sink(webhook).ifPresent(state -> {
                for (DeliveryStats.Outcome outcome : DeliveryStats.Outcome.values()) {
                    deliveries.addMetric(List.of(webhook, outcome.label()), state.stats().get(outcome));
                }
                queue.addMetric(List.of(webhook), state.queued());
                latency.addMetric(List.of(webhook), state.stats().latencyCount(), state.stats().latencySecondsSum());
            });
        }
        CounterMetricFamily pushes = new CounterMetricFamily("streamfit_alertmanager_pushes",
                "Pushes to Alertmanager's /api/v2/alerts by outcome: delivered, retried, failed (refused)", List.of("outcome"));
        alerting.alertmanagerPushes().ifPresent(counts -> counts.forEach((outcome, count) -> pushes.addMetric(List.of(outcome.label()), count)));
        return List.of(deliveries, queue, latency, pushes);
    }
}
