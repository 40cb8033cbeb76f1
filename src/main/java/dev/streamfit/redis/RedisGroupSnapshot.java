package dev.streamfit.redis;

import java.util.List;

/**
 * One consumer group of a stream. Unknown values are null, never 0.
 *
 * @param lag                      entries not yet delivered that are still in the stream ({@link GroupLag})
 * @param lagSeconds               how long the oldest undelivered entry has waited: the server clock minus
 *                                 the ms part of the first entry after last-delivered-id; 0 when caught up;
 *                                 null when entry IDs are not time-based
 * @param oldestPendingIdleSeconds idle time of the oldest pending (delivered, unacknowledged) entry
 * @param oldestPendingDeliveries  delivery count of the oldest pending entry — the one a poison message
 *                                 sits in; StreamFit never scans every pending entry to find a larger one
 * @param trimmedBeforeDelivery    entries removed before the group read them
 * @param consumerDetails          per consumer; fetched only for groups with pending entries or lag, else null
 */
public record RedisGroupSnapshot(
        String group,
        long consumers,
        long pending,
        Long lag,
        Double lagSeconds,
        Long entriesRead,
        String lastDeliveredId,
        Double oldestPendingIdleSeconds,
        Long oldestPendingDeliveries,
        Long trimmedBeforeDelivery,
        List<RedisConsumerSnapshot> consumerDetails) {
}
