package dev.streamfit.redis;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One stream as a poll saw it. Unknown values are null, never 0: Redis 6.2 reports no
 * entries-added, max-deleted-entry-id or recorded-first-entry-id.
 *
 * @param stream                 the key, UTF-8 with invalid bytes as {@code \xNN}
 * @param shard                  host:port of the primary holding it (cluster mode only)
 * @param oldestEntryAgeSeconds  server clock minus the ms part of the first entry's ID
 * @param retentionWindowSeconds time between the first and the last entry
 * @param trimmedCount           entries added but no longer in the stream (trimmed or deleted)
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
        List<RedisGroupSnapshot> groups) {
}
