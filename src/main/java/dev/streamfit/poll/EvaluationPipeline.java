package dev.streamfit.poll;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.streamfit.config.SecretRedactor;

/**
 * Runs the {@link Stage}s over every poll result, off the I/O threads. Each target has a lane:
 * its polls are evaluated one at a time, in order, on a small pool of worker threads shared by all
 * targets, so a target with 10,000 streams delays neither another target, the HTTP server, nor its
 * own next poll (the poll's timeout covers collection only). When a newer poll result arrives
 * while the target's previous evaluation still runs, only the newest waits: evaluating stale
 * polls would only fall further behind. Such replaced results are counted.
 *
 * <p>Threads come from a cached pool: a lane occupies at most one thread at a time, so the pool is
 * bounded by the number of targets, and a slow target never waits for a free worker behind another.
 */
@ApplicationScoped
public class EvaluationPipeline {

    private static final Logger LOG = Logger.getLogger(EvaluationPipeline.class);

    @Inject
    Instance<Stage> stageBeans;
    @Inject
    SecretRedactor redactor;

    private List<Stage> stages;
    private ExecutorService workers;
    private final Map<TargetId, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<StageName, AtomicLong> failures = new EnumMap<>(StageName.class);

    @PostConstruct
    void start() {
        List<Stage> ordered = new ArrayList<>();
        stageBeans.forEach(ordered::add);
        ordered.sort(Comparator.comparing(Stage::stage).thenComparing(s -> s.getClass().getName()));
        stages = List.copyOf(ordered);
        for (StageName name : StageName.values()) {
            failures.put(name, new AtomicLong());
        }
        workers = Executors.newCachedThreadPool(new WorkerThreads());
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands a poll result to its target's lane; returns at once (called on the thread that completed the poll). */
    public void submit(TargetPolled polled) {
        lanes.computeIfAbsent(polled.status().id(), id -> new Lane()).offer(polled);
    }

    /** Seconds the target's last evaluation took; empty before its first. */
    public Optional<Double> lastEvaluationSeconds(TargetId target) {
        Lane lane = lanes.get(target);
        return lane == null ? Optional.empty() : Optional.ofNullable(lane.lastSeconds);
    }

    /** Poll results of the target replaced by a newer one before they were evaluated. */
    public long superseded(TargetId target) {
        Lane lane = lanes.get(target);
        return lane == null ? 0 : lane.superseded.get();
    }

    public List<TargetId> targets() {
        return lanes.keySet().stream().sorted().toList();
    }

    /** Exceptions thrown by each stage since start. */
    public Map<StageName, Long> failures() {
        Map<StageName, Long> counts = new EnumMap<>(StageName.class);
        failures.forEach((name, count) -> counts.put(name, count.get()));
        return counts;
    }

    private void evaluate(TargetPolled polled) {
        TargetId target = polled.status().id();
        long started = System.nanoTime();
        for (Stage stage : stages) {
            try {
                stage.evaluate(polled);
            } catch (Exception | Error e) {
                failed(stage, target, e);
                if (e instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
            }
        }
        lanes.get(target).lastSeconds = (System.nanoTime() - started) / 1e9;
    }

    private void failed(Stage stage, TargetId target, Throwable e) {
        failures.get(stage.stage()).incrementAndGet();
        // The trace tells where; the message is redacted like everything StreamFit prints.
        String cause = redactor.redact(String.valueOf(e));
        RuntimeException logged = new RuntimeException(cause);
        logged.setStackTrace(e.getStackTrace());
        LOG.errorf(logged, "Stage %s (%s) failed for target %s: %s; its results for the target are withdrawn", stage.stage().label(),
                stage.getClass().getSimpleName().replaceAll("_.*", ""), target, cause);
        try {
            stage.forget(target);
        } catch (RuntimeException forgetFailed) {
            LOG.errorf("Stage %s could not withdraw its results for target %s: %s", stage.stage().label(), target,
                    redactor.redact(String.valueOf(forgetFailed)));
        }
    }

    /**
     * Runs only the stages that see every poll ({@link StageName#seesEveryPoll}) for a poll that a
     * newer one superseded: the history still records it, so a rewind between two evaluations is seen.
     */
    private void record(TargetPolled superseded) {
        for (Stage stage : stages) {
            if (!stage.stage().seesEveryPoll()) {
                continue;
            }
            try {
                stage.evaluate(superseded);
            } catch (Exception | Error e) {
                failed(stage, superseded.status().id(), e);
                if (e instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
            }
        }
    }

    /**
     * One target's queue: the poll being evaluated, the newest one waiting, and the polls that the
     * newest superseded, which are only recorded in the history (at most {@code MAX_SUPERSEDED}, the
     * newest; a lane that far behind is counted, and the rest is lost).
     */
    private final class Lane {

        private static final int MAX_SUPERSEDED = 16;

        private TargetPolled waiting;
        private final ArrayDeque<TargetPolled> supersededPolls = new ArrayDeque<>();
        private boolean running;
        private final AtomicLong superseded = new AtomicLong();
        private volatile Double lastSeconds;

        void offer(TargetPolled polled) {
            synchronized (this) {
                if (waiting != null) {
                    superseded.incrementAndGet();
                    supersededPolls.addLast(waiting);
                    if (supersededPolls.size() > MAX_SUPERSEDED) {
                        supersededPolls.removeFirst();
                    }
                }
                waiting = polled;
                if (running) {
                    return;
                }
                running = true;
            }
            schedule();
        }

        /** Evaluates the waiting poll, then goes to the back of the pool's queue: lanes share the workers fairly. */
        private void evaluateNext() {
            TargetPolled next;
            List<TargetPolled> toRecord;
            synchronized (this) {
                next = waiting;
                waiting = null;
                toRecord = List.copyOf(supersededPolls);
                supersededPolls.clear();
            }
            try {
                toRecord.forEach(EvaluationPipeline.this::record);
                if (next != null) {
                    evaluate(next);
                }
            } finally {
                synchronized (this) {
                    if (waiting == null) {
                        running = false;
                        return;
                    }
                }
                schedule();
            }
        }

        private void schedule() {
            try {
                workers.execute(this::evaluateNext);
            } catch (RejectedExecutionException e) {
                // Shutting down: nothing more to evaluate.
            } catch (RuntimeException | Error e) {
                // E.g. no native thread left: the lane must not stay "running" forever, or the target is never evaluated again.
                synchronized (this) {
                    running = false;
                }
                LOG.errorf("Cannot start an evaluation: %s", String.valueOf(e));
                throw e;
            }
        }
    }

    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "streamfit-evaluation-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> LOG.errorf("Evaluation thread %s ended: %s", t.getName(), String.valueOf(e)));
            return thread;
        }
    }
}
