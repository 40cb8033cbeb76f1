package dev.streamfit.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.streamfit.history.StateChanges;

/**
 * A Redis stream's history over the window, as {@code GET /api/v1/workloads/redis/{target}/{stream}/history}
 * answers it and the report page charts it. Each series is a {@code time} array (epoch milliseconds,
 * oldest first) and one array per figure with an element per sample, null where the poll did not
 * know it. The history keeps the last poll of each of 60 time buckets of the window, and both sides
 * of every move back of a group's last-delivered-id.
 *
 * @param windowSeconds  {@code streamfit.advisor.window}: how far back the history reaches
 * @param stream         the stream's own figures
 * @param groups         one per consumer group the last poll listed, by name
 * @param verdictChanges when the verdict changed within the window, oldest first
 * @param staleReason    why the last poll could not see the stream (its history then has no newer
 *                       samples); null when it did
 */
public record RedisStreamHistory(String system, String target, String name, double windowSeconds, StreamSamples stream,
        List<GroupSamples> groups, List<StateChanges.Change> verdictChanges, String staleReason) {

    /**
     * @param entriesAddedPerSecond the write rate since the sample before (from entries-added; null on
     *                              Redis before 7, which does not report it, and for the first sample)
     */
    public record StreamSamples(long[] time, Long[] length, Long[] memoryBytes, Long[] entriesAdded, Double[] entriesAddedPerSecond) {
    }

    /**
     * @param lag        entries not yet delivered; null where Redis did not know it (after SETID or deletions)
     * @param lagSeconds how long the oldest undelivered entry had waited
     * @param pending    delivered, not acknowledged
     * @param rewinds    moves back of the last-delivered-id (XGROUP SETID) within the window
     */
    public record GroupSamples(String group, long[] time, Long[] lag, Double[] lagSeconds, Long[] pending, List<Rewind> rewinds) {
    }

    /** The last-delivered-id moved back between two polls: at {@code at} it was {@code to}, before it was {@code from}. */
    @Schema(name = "RedisRewind")
    public record Rewind(Instant at, String from, String to) {
    }
}
