package dev.streamfit.poll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the scheduler runs every target's poll job. */
@Liveness
@ApplicationScoped
public class SchedulerLivenessCheck implements HealthCheck {

    @Inject
    PollScheduler pollScheduler;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("poll-scheduler").status(pollScheduler.allJobsScheduled()).build();
    }
}
