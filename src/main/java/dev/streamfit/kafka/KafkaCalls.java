package dev.streamfit.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.KafkaFuture;

import io.smallrye.mutiny.Uni;

/**
 * Bridges the AdminClient's futures to Mutiny. {@link #settle} waits for every per-item future of
 * a batched call (one per topic, partition or group) and keeps each outcome apart, so that one
 * deleted topic or one denied group does not fail the others.
 */
final class KafkaCalls {

    private KafkaCalls() {
    }

    /** The value of one item, or why there is none. */
    record Settled<V>(V value, Throwable error) {
        boolean ok() {
            return error == null;
        }
    }

    static <T> Uni<T> toUni(KafkaFuture<T> future) {
        return Uni.createFrom().completionStage(future.toCompletionStage());
    }

    static <K, V> Uni<Map<K, Settled<V>>> settle(Map<K, KafkaFuture<V>> futures) {
        if (futures.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Uni.createFrom().emitter(emitter -> KafkaFuture.allOf(futures.values().toArray(KafkaFuture[]::new))
                .whenComplete((ignored, failure) -> {
                    Map<K, Settled<V>> outcomes = new HashMap<>();
                    futures.forEach((key, future) -> outcomes.put(key, outcome(future)));
                    emitter.complete(outcomes);
                }));
    }

    private static <V> Settled<V> outcome(KafkaFuture<V> future) {
        try {
            return new Settled<>(future.getNow(null), null);
        } catch (ExecutionException e) {
            return new Settled<>(null, e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Settled<>(null, e);
        }
    }
}
