package dev.streamfit.redis;

import java.util.List;
import java.util.Map;

/**
 * What a poll measured of a stream that the next poll may reuse while nothing changed: its memory
 * (valid while {@link StreamFacts#memoryState()} is the same), each lagging group's first
 * undelivered entry (valid while {@link StreamFacts#undeliveredState} is the same) and each group's
 * pending details (valid while {@link StreamFacts#pendingState} is the same, for at most
 * {@link StreamFacts#PENDING_DETAILS_MAX_AGE_MILLIS}).
 */
record UnchangedStream(StreamFacts.MemoryState memoryState, Long memoryBytes, Map<RedisName, FirstUndelivered> firstUndelivered,
        Map<RedisName, PendingDetails> pendingDetails) {

    record FirstUndelivered(StreamFacts.UndeliveredState state, StreamEntryId id) {
    }

    /**
     * The oldest pending entry (XPENDING - + 1) and the consumers (XINFO CONSUMERS) as read at
     * {@code readAtMillis} (the server's clock); their idle times grow with the clock while nothing
     * is delivered, acknowledged or claimed.
     */
    record PendingDetails(StreamFacts.PendingState state, long readAtMillis, Double oldestPendingIdleSeconds, Long oldestPendingDeliveries,
            List<RedisConsumerSnapshot> consumers) {

        Double oldestPendingIdleAt(long nowMillis) {
            return oldestPendingIdleSeconds == null ? null : oldestPendingIdleSeconds + elapsedSeconds(nowMillis);
        }

        List<RedisConsumerSnapshot> consumersAt(long nowMillis) {
            if (consumers == null) {
                return null;
            }
            double elapsed = elapsedSeconds(nowMillis);
            return consumers.stream().map(c -> new RedisConsumerSnapshot(c.consumer(), c.pending(), c.idleSeconds() + elapsed,
                    c.inactiveSeconds() == null ? null : c.inactiveSeconds() + elapsed)).toList();
        }

        private double elapsedSeconds(long nowMillis) {
            return Math.max(0, nowMillis - readAtMillis) / 1000.0;
        }
    }
}
