package dev.streamfit.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.Collector;
import io.quarkus.runtime.StartupEvent;

/**
 * Registers StreamFit's collectors with the registry behind {@code /q/metrics}. Per-target series are
 * rebuilt at every evaluation of the target (stage VIEWS): a series whose value is unknown is simply
 * not built, and a deleted stream or group leaves no stale series behind.
 */
@ApplicationScoped
public class PrometheusCollectors {

    @Inject
    PrometheusMeterRegistry registry;
    @Inject
    Instance<Collector> collectors;

    void onStart(@Observes StartupEvent event) {
        collectors.forEach(c -> c.register(registry.getPrometheusRegistry()));
    }
}
