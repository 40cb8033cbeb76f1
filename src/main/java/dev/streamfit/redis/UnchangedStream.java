package dev.streamfit.redis;

import java.util.Map;

/**
 * What a poll measured of a stream that the next poll may reuse while nothing changed: its memory
 * (valid while {@link StreamFacts#memoryState()} is the same) and each lagging group's first
 * undelivered entry (valid while {@link StreamFacts#undeliveredState} is the same).
 */
record UnchangedStream(String memoryState, Long memoryBytes, Map<RedisName, FirstUndelivered> firstUndelivered) {

    record FirstUndelivered(String state, StreamEntryId id) {
    }
}
