package dev.streamfit.api;

import java.time.Instant;

/**
 * A Redis server's used memory over the window, with its limit and where it is heading, as
 * {@code GET /api/v1/servers/{target}/history} answers it: what {@code redis.memory.exhaustion-projected}
 * judges, in the same figures.
 *
 * @param server      host:port (each primary of a cluster is one server)
 * @param maxmemory   the limit in bytes as INFO reports it: 0 means no limit; null when unknown
 * @param time        epoch milliseconds of each sample, oldest first
 * @param usedMemory  used_memory at each sample; null where unknown
 * @param projection  null while the growth is unknown (fewer than two samples)
 * @param staleReason why the last poll could not reach the server; null when it did
 */
public record ServerHistory(String server, Long maxmemory, String maxmemoryPolicy, long[] time, Long[] usedMemory, Projection projection,
        String staleReason) {

    /**
     * Used memory projected at its least-squares growth over the window, from the last poll's value.
     *
     * @param bytesPerSecond      the growth (negative when shrinking)
     * @param from                when the projection starts: the last poll
     * @param fromBytes           used_memory at the last poll
     * @param secondsToMaxmemory  when maxmemory is reached at that growth; null when not growing or not limited
     * @param reachesMaxmemoryAt  {@code from} + {@code secondsToMaxmemory}; null likewise
     * @param horizonSeconds      {@code streamfit.advisor.memory-horizon}: reaching the limit within it raises the finding
     */
    public record Projection(double bytesPerSecond, Instant from, long fromBytes, Double secondsToMaxmemory, Instant reachesMaxmemoryAt,
            double horizonSeconds) {
    }
}
