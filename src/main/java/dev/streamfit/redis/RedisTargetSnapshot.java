package dev.streamfit.redis;

import java.time.Instant;
import java.util.List;

import dev.streamfit.poll.CollectionProblem;
import dev.streamfit.poll.Gap;
import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.TargetSnapshot;

/**
 * A whole Redis target after one poll: every server polled (one, or each primary of a cluster)
 * and the streams found on them, sorted by name. Servers this poll could not reach and streams it
 * could not describe ({@code gaps}) are the previous poll's, marked stale.
 */
public record RedisTargetSnapshot(
        TargetId target,
        Instant collectedAt,
        List<RedisInstanceSnapshot> instances,
        List<RedisStreamSnapshot> streams,
        List<CollectionProblem> problems,
        List<Gap> gaps) implements TargetSnapshot {
}
