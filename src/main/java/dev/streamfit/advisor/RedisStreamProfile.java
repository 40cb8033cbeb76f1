package dev.streamfit.advisor;

import java.util.List;

import dev.streamfit.findings.Observation;
import dev.streamfit.redis.RedisInstanceSnapshot;

/**
 * What the history and the health stage say about one Redis stream over the advisor window: the
 * facts the questions, signals and recommendations are computed from. Unknown values are null.
 *
 * @param writeRateMean              entries/s over the window (entries-added, else length growth)
 * @param writeRatePeak              fastest rate between two samples
 * @param activeGroups               groups whose last-delivered-id advanced in the window or with a consumer active in it
 * @param rewoundGroups              groups whose last-delivered-id moved backwards (XGROUP SETID)
 * @param farBehindGroups            groups created while StreamFit watched and then behind by at least
 *                                   replay-behind-share of the stream (a group created to read old entries)
 * @param neverTrimmed               entries-added equals length and nothing was deleted (null before Redis 7)
 * @param serverFindings             the health stage's findings on the stream's server that concern this stream
 *                                   (evictions, exhaustion projected, durability mismatch): taken over as signals
 * @param historyReadsPerSecond      XRANGE + XREVRANGE calls per second on the server, StreamFit's own excluded
 * @param maxGroupLagSeconds         the longest any group's oldest undelivered entry has waited
 */
public record RedisStreamProfile(String stream, Double writeRateMean, Double writeRatePeak, long length, Long memoryBytes,
        Double bytesPerEntry, Double oldestAgeSeconds, List<String> groups, List<String> activeGroups, List<String> rewoundGroups,
        List<String> farBehindGroups, long maxConsumers, Boolean neverTrimmed, RedisInstanceSnapshot server,
        List<Observation> serverFindings, Double historyReadsPerSecond, Double maxGroupLagSeconds) {
}
