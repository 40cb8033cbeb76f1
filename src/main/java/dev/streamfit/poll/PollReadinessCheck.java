package dev.streamfit.poll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once every target has been polled once, up or down: a down target is the watched
 * system's illness, not the monitor's.
 */
@Readiness
@ApplicationScoped
public class PollReadinessCheck implements HealthCheck {

    @Inject
    TargetStatusRegistry registry;

    @Override
    public HealthCheckResponse call() {
        long waiting = registry.all().stream().filter(s -> !s.polled()).count();
        return HealthCheckResponse.named("targets-polled")
                .status(waiting == 0)
                .withData("targets", registry.all().size())
                .withData("awaitingFirstPoll", waiting)
                .build();
    }
}
