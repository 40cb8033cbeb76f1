package dev.streamfit.alerting;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * What one sink did since start, for {@code streamfit_webhook_deliveries_total{outcome}},
 * {@code streamfit_webhook_queue_size} and {@code streamfit_webhook_delivery_latency_seconds}.
 */
public final class DeliveryStats {

    /** The {@code outcome} label: a notice delivered, a retry scheduled, a notice given up or refused, a notice dropped from a full queue. */
    public enum Outcome {
        DELIVERED, RETRIED, FAILED, DROPPED;

        public String label() {
            return name().toLowerCase();
        }
    }

    private final AtomicLong[] counts = new AtomicLong[Outcome.values().length];
    private final AtomicLong latencyCount = new AtomicLong();
    private final DoubleAdder latencySeconds = new DoubleAdder();

    DeliveryStats() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new AtomicLong();
        }
    }

    void count(Outcome outcome) {
        counts[outcome.ordinal()].incrementAndGet();
    }

    /** From the moment the notice was raised to the receiver's 2xx: queueing and retries included. */
    void delivered(double seconds) {
        count(Outcome.DELIVERED);
        latencySeconds.add(seconds);
        latencyCount.incrementAndGet();
    }

    public long get(Outcome outcome) {
        return counts[outcome.ordinal()].get();
    }

    public long latencyCount() {
        return latencyCount.get();
    }

    public double latencySecondsSum() {
        return latencySeconds.sum();
    }
}
