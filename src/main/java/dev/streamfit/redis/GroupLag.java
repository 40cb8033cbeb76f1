package dev.streamfit.redis;

/**
 * How far a consumer group is behind its stream, derived from XINFO STREAM and XINFO GROUPS.
 *
 * <p>Redis counts lag as entries-added minus entries-read, so for a group whose undelivered entries
 * were trimmed away it reports entries that no longer exist. StreamFit reports what remains to be
 * delivered as {@code lag} and what was lost apart as {@code trimmedBeforeDelivery}. Example:
 * 1,000 added, group read 50, stream trimmed to the last 100: lag 100, lost 850 (Redis says 950).
 *
 * @param lag                   undelivered entries still in the stream; null when unknown
 *                              (Redis answers nil after XGROUP SETID or deletions inside the
 *                              undelivered range, and Redis 6.2 has no lag at all)
 * @param trimmedBeforeDelivery entries removed before the group read them; null when unknown
 * @param caughtUp              nothing left to deliver
 * @param behindFirstEntry      the group's last-delivered-id is older than the first entry: its
 *                              next entry is the stream's first
 */
public record GroupLag(Long lag, Long trimmedBeforeDelivery, boolean caughtUp, boolean behindFirstEntry) {

    public static GroupLag of(long length, StreamEntryId firstEntry, StreamEntryId lastEntry, Long entriesAdded,
            StreamEntryId lastDelivered, Long entriesRead, Long redisLag) {
        if (length == 0 || lastEntry == null || !lastDelivered.isBefore(lastEntry)) {
            return new GroupLag(0L, 0L, true, false);
        }
        if (firstEntry != null && lastDelivered.isBefore(firstEntry)) {
            Long lost = entriesAdded == null || entriesRead == null ? null : Math.max(0, entriesAdded - entriesRead - length);
            return new GroupLag(length, lost, false, true);
        }
        return new GroupLag(redisLag, 0L, false, false);
    }
}
