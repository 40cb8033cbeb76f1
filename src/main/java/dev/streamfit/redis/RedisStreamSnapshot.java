package dev.streamfit.redis;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.streamfit.poll.Staleness;

/**
 * One stream as a poll saw it, or as an earlier poll saw it when this one could not describe it or
 * reach its shard ({@code staleReason}). Unknown values are null, never 0: Redis 6.2 reports no
 * entries-added, max-deleted-entry-id or recorded-first-entry-id.
 *
 * @param stream                 the key, UTF-8 with invalid bytes as {@code \xNN}
 * @param shard                  host:port of the primary holding it (cluster mode only)
 * @param oldestEntryAgeSeconds  server clock minus the ms part of the first entry's ID
 * @param retentionWindowSeconds time between the first and the last entry
 * @param trimmedCount           entries added but no longer in the stream (trimmed or deleted)
 * @param staleReason            why this poll could not observe the stream; null when it did
 */
public record RedisStreamSnapshot(
        String stream,
        @JsonInclude(JsonInclude.Include.NON_NULL) String shard,
        long length,
        Long memoryBytes,
        String firstEntryId,
        String lastEntryId,
        String lastGeneratedId,
        Long entriesAdded,
        String maxDeletedEntryId,
        String recordedFirstEntryId,
        Long radixTreeNodes,
        Double oldestEntryAgeSeconds,
        Double retentionWindowSeconds,
        Long trimmedCount,
        Double bytesPerEntry,
        List<RedisGroupSnapshot> groups,
        String staleReason) implements Staleness<RedisStreamSnapshot> {

    @Override
    public RedisStreamSnapshot stale(String reason) {
        return new RedisStreamSnapshot(stream, shard, length, memoryBytes, firstEntryId, lastEntryId, lastGeneratedId, entriesAdded,
                maxDeletedEntryId, recordedFirstEntryId, radixTreeNodes, oldestEntryAgeSeconds, retentionWindowSeconds, trimmedCount,
                bytesPerEntry, groups, reason);
    }
}
