package dev.streamfit.poll;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Test-only stages that a test can make slow or failing for one target, and that record when the
 * last stage saw each target. Inert unless a test arms them.
 */
final class ProbeStages {

    static volatile TargetId slowTarget;
    static volatile long slowMillis;
    static volatile TargetId failingTarget;
    static final Map<TargetId, Instant> advisorStageSaw = new ConcurrentHashMap<>();
    static final Map<TargetId, AtomicInteger> historyStageRuns = new ConcurrentHashMap<>();
    static final Map<TargetId, AtomicInteger> advisorStageRuns = new ConcurrentHashMap<>();
    static final Map<TargetId, String> threadOfHealthStage = new ConcurrentHashMap<>();
    static final AtomicInteger slowInFlight = new AtomicInteger();
    static final AtomicInteger slowMostInFlight = new AtomicInteger();

    private ProbeStages() {
    }

    static void disarm() {
        slowTarget = null;
        failingTarget = null;
    }

    /** Sleeps for the slow target: an evaluation as heavy as a very large target's. */
    @ApplicationScoped
    static class Slow implements Stage {
        @Override
        public StageName stage() {
            return StageName.LAG;
        }

        @Override
        public void evaluate(TargetPolled polled) {
            if (polled.status().id().equals(slowTarget)) {
                slowMostInFlight.accumulateAndGet(slowInFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(slowMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    slowInFlight.decrementAndGet();
                }
            }
        }
    }

    /** Counts the polls the history stage saw. */
    @ApplicationScoped
    static class History implements Stage {
        @Override
        public StageName stage() {
            return StageName.HISTORY;
        }

        @Override
        public void evaluate(TargetPolled polled) {
            historyStageRuns.computeIfAbsent(polled.status().id(), t -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** Throws for the failing target, in the middle of the pipeline. */
    @ApplicationScoped
    static class Failing implements Stage {
        @Override
        public StageName stage() {
            return StageName.HEALTH;
        }

        @Override
        public void evaluate(TargetPolled polled) {
            threadOfHealthStage.put(polled.status().id(), Thread.currentThread().getName());
            if (polled.status().id().equals(failingTarget)) {
                throw new IllegalStateException("probe failure");
            }
        }
    }

    /** Records that the last stage ran. */
    @ApplicationScoped
    static class Last implements Stage {
        @Override
        public StageName stage() {
            return StageName.ADVISOR;
        }

        @Override
        public void evaluate(TargetPolled polled) {
            advisorStageSaw.put(polled.status().id(), Instant.now());
            advisorStageRuns.computeIfAbsent(polled.status().id(), t -> new AtomicInteger()).incrementAndGet();
        }
    }
}
