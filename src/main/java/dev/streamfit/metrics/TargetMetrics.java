package dev.streamfit.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.TargetPolled;
import dev.streamfit.poll.TargetStatus;
import dev.streamfit.poll.TargetStatusRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * {@code streamfit_target_up} and {@code streamfit_poll_duration_seconds} per target. A target's
 * series appear after its first poll: before that both are unknown, and unknown is absent.
 */
@ApplicationScoped
public class TargetMetrics {

    @Inject
    MeterRegistry meters;
    @Inject
    TargetStatusRegistry registry;

    private final Set<TargetId> registered = ConcurrentHashMap.newKeySet();

    void onPolled(@Observes TargetPolled event) {
        TargetId id = event.status().id();
        if (!registered.add(id)) {
            return;
        }
        Tags tags = Tags.of("system", id.system().label(), "target", id.name());
        Gauge.builder("streamfit.target.up", () -> registry.status(id).map(TargetStatus::up).map(up -> up ? 1 : 0).orElse(0))
                .description("1 when the target's last poll succeeded, 0 when it failed")
                .tags(tags)
                .strongReference(true)
                .register(meters);
        Gauge.builder("streamfit.poll.duration", () -> registry.status(id).map(TargetStatus::lastPollSeconds).orElse(Double.NaN))
                .description("Duration of the target's last poll")
                .baseUnit("seconds")
                .tags(tags)
                .strongReference(true)
                .register(meters);
    }
}
