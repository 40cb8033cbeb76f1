package dev.streamfit.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.streamfit.config.SecretRedactor;
import dev.streamfit.config.StreamFitConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Polls every target on its own job: targets are polled concurrently, a slow or dead one never
 * delays another, a target is never polled twice at once (the job skips a tick while its previous
 * poll runs), and each poll is abandoned after the poll timeout. The timeout covers collection
 * only: the result goes to the {@link EvaluationPipeline}, which evaluates it on a worker thread.
 */
@ApplicationScoped
public class PollScheduler {

    private static final Logger LOG = Logger.getLogger(PollScheduler.class);

    @Inject
    Scheduler scheduler;
    @Inject
    StreamFitConfig config;
    @Inject
    TargetStatusRegistry registry;
    @Inject
    Instance<TargetPollerFactory> factories;
    @Inject
    EvaluationPipeline pipeline;
    @Inject
    SecretRedactor redactor;

    /** The least time a target's first poll is given (see {@link #pollOnce}). */
    static final Duration FIRST_POLL_TIMEOUT = Duration.ofSeconds(30);

    private final List<TargetPoller> pollers = new CopyOnWriteArrayList<>();

    void onStart(@Observes StartupEvent event) {
        // A poll abandoned at its timeout may fail later (e.g. the AdminClient's own timeout): nobody
        // waits for that failure any more, and Mutiny would log each one as an ERROR.
        Infrastructure.setDroppedExceptionHandler(dropped -> LOG.debugf("Failure of abandoned work: %s", redactor.redact(String.valueOf(dropped))));
        for (TargetPollerFactory factory : factories) {
            pollers.addAll(factory.createPollers());
        }
        if (pollers.isEmpty()) {
            LOG.warn("No targets configured: nothing to poll. Point StreamFit at a Redis with "
                    + "streamfit.redis.<name>.url=redis://host:6379 or at Kafka with "
                    + "streamfit.kafka.<name>.bootstrap-servers=host:9092");
            return;
        }
        Duration interval = config.pollInterval();
        for (int i = 0; i < pollers.size(); i++) {
            TargetPoller poller = pollers.get(i);
            registry.register(poller.id());
            Scheduler.JobDefinition<?> job = scheduler.newJob(jobId(poller.id()))
                    .setInterval(interval.toString())
                    .setConcurrentExecution(ConcurrentExecution.SKIP)
                    .setAsyncTask(execution -> pollOnce(poller));
            Duration offset = startOffset(i, pollers.size(), interval);
            if (!offset.isZero()) {
                job.setDelayed(offset.toString());
            }
            job.schedule();
        }
        LOG.infof("Polling %d target(s) every %s (timeout %s): %s", pollers.size(), human(interval),
                human(config.effectivePollTimeout()), pollers.stream().map(p -> p.id().toString()).toList());
    }

    void onStop(@Observes ShutdownEvent event) {
        for (TargetPoller poller : pollers) {
            scheduler.unscheduleJob(jobId(poller.id()));
            try {
                poller.close();
            } catch (RuntimeException e) {
                LOG.warnf("Closing %s failed: %s", poller.id(), redactor.redact(String.valueOf(e.getMessage())));
            }
        }
        pollers.clear();
    }

    /** True while every target has its poll job scheduled. */
    public boolean allJobsScheduled() {
        return scheduler.isRunning() && pollers.stream().allMatch(p -> scheduler.getScheduledJob(jobId(p.id())) != null);
    }

    Uni<Void> pollOnce(TargetPoller poller) {
        // A target's first poll runs in a cold JVM on new connections and may take several times a warm
        // one (seen: 7 s against a 5 s timeout at 10,000 streams): reporting every target down at start-up
        // would be a false alarm.
        Duration timeout = registry.status(poller.id()).map(TargetStatus::polled).orElse(false) ? config.effectivePollTimeout()
                : firstPollTimeout(config.effectivePollTimeout());
        long started = System.nanoTime();
        return Uni.createFrom().<TargetSnapshot>deferred(() -> poller.poll().map(TargetSnapshot.class::cast))
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("poll timed out after " + human(timeout)))
                .onItemOrFailure().invoke((snapshot, failure) -> {
                    try {
                        record(poller.id(), started, snapshot, failure);
                    } catch (RuntimeException e) {
                        LOG.errorf("Recording the poll of %s failed: %s", poller.id(), redactor.redact(String.valueOf(e)));
                    }
                })
                // A failed poll is recorded above (the target is down); the job itself must not fail.
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private void record(TargetId id, long startedNanos, TargetSnapshot snapshot, Throwable failure) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        String error = failure == null ? null : redactor.redact(describe(failure));
        TargetStatus previous = registry.status(id).orElse(TargetStatus.notYetPolled(id));
        List<Gap> gaps = failure == null ? snapshot.gaps() : List.of();
        TargetStatus status = new TargetStatus(id.system(), id.name(), failure == null, Instant.now(), seconds, error, !gaps.isEmpty(), gaps);
        registry.update(status);
        if (failure != null && !Boolean.FALSE.equals(previous.up())) {
            LOG.warnf("Target %s is down: %s", id, error);
        } else if (failure == null && Boolean.FALSE.equals(previous.up())) {
            LOG.infof("Target %s is up again", id);
        }
        if (status.partial() && !previous.partial()) {
            LOG.warnf("Target %s answered partly: %s; what it could not list or describe is kept from earlier polls, marked stale", id,
                    redactor.redact(String.join("; ", gaps.stream().map(Gap::reason).toList())));
        } else if (failure == null && !status.partial() && previous.partial()) {
            LOG.infof("Target %s answers completely again", id);
        }
        // Runs on the thread that completed the poll (an event loop or the AdminClient's): only hand over.
        pipeline.submit(new TargetPolled(status, Optional.ofNullable(failure == null ? snapshot : null)));
    }

    /** The innermost message that says something, with the exception type when it says nothing. */
    private static String describe(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t
                && (t.getMessage() == null || t instanceof java.util.concurrent.CompletionException
                        || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    /**
     * When the {@code index}th of {@code count} targets is first polled: the targets start at even
     * offsets within the interval, so that their polls take turns instead of all starting at the same
     * instant. Started together, 50 targets queued behind each other on the event loops at every tick
     * (a 200-stream poll took 1 s at the median and up to 4 s), and their polls drifted up to 1.3
     * intervals apart.
     */
    static Duration startOffset(int index, int count, Duration interval) {
        return interval.multipliedBy(index).dividedBy(count);
    }

    /** The time a target's first poll is given: the poll timeout, and at least {@link #FIRST_POLL_TIMEOUT}. */
    public static Duration firstPollTimeout(Duration pollTimeout) {
        return pollTimeout.compareTo(FIRST_POLL_TIMEOUT) >= 0 ? pollTimeout : FIRST_POLL_TIMEOUT;
    }

    private static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase();
    }

    private static String jobId(TargetId id) {
        return "poll-" + id.system().label() + "-" + id.name();
    }
}
