package dev.streamfit.poll;

/**
 * Something one poll could not list or describe although the target answered: a listing that failed
 * (listTopics, listGroups), a describe that failed for some workloads, a cluster shard that did not
 * answer. Not being able to look is not a deletion: the workloads it covers keep the knowledge of
 * the poll that last saw them, marked stale with the reason ({@link Staleness}), and the poll is
 * {@code partial} ({@link TargetStatus}).
 *
 * @param subject what could not be listed or described: the call, or the shard
 * @param reason  why, for people, credentials already removed; the stale workloads carry it too
 */
public record Gap(String subject, String reason) {
}
