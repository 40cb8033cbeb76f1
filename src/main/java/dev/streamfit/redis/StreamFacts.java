package dev.streamfit.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * What the pipelined replies told about one stream during one poll, gathered until the stream's
 * snapshot can be built. Lives for one poll only.
 */
final class StreamFacts {

    final RedisName key;
    boolean gone;
    Map<String, Response> info;
    Long memoryBytes;
    private final List<GroupFacts> groups = new ArrayList<>();

    StreamFacts(RedisName key) {
        this.key = key;
    }

    /** XINFO GROUPS answered with a group whose values Redis reports per version: lag and entries-read from 7.0. */
    static final class GroupFacts {
        final RedisName name;
        final long consumers;
        final long pending;
        final StreamEntryId lastDelivered;
        final Long entriesRead;
        final Long redisLag;
        GroupLag lag;
        StreamEntryId firstUndelivered;
        boolean firstUndeliveredKnown;
        Double oldestPendingIdleSeconds;
        Long oldestPendingDeliveries;
        List<RedisConsumerSnapshot> consumerDetails;
        /** The previous reading of the pending details, when this poll reused it. */
        UnchangedStream.PendingDetails reusedPendingDetails;

        GroupFacts(Map<String, Response> fields) {
            this.name = new RedisName(fields.get("name").toBytes());
            this.consumers = fields.get("consumers").toLong();
            this.pending = fields.get("pending").toLong();
            this.lastDelivered = StreamEntryId.parse(fields.get("last-delivered-id").toString());
            this.entriesRead = RedisReply.longOrNull(fields.get("entries-read"));
            this.redisLag = RedisReply.longOrNull(fields.get("lag"));
        }
    }

    void info(Map<String, Response> fields) {
        this.info = fields;
    }

    void groups(Response reply) {
        for (Response group : reply) {
            groups.add(new GroupFacts(RedisReply.fields(group)));
        }
    }

    long length() {
        return info.get("length").toLong();
    }

    StreamEntryId firstEntryId() {
        return entryId(info.get("first-entry"));
    }

    StreamEntryId lastEntryId() {
        return entryId(info.get("last-entry"));
    }

    private static StreamEntryId entryId(Response entry) {
        return entry == null || entry.size() == 0 ? null : StreamEntryId.parse(entry.get(0).toString());
    }

    Long entriesAdded() {
        return RedisReply.longOrNull(info.get("entries-added"));
    }

    /**
     * Everything MEMORY USAGE depends on: entries (count, ends, deletions) and groups (positions,
     * pending entries, consumers). Equal states occupy equal memory.
     */
    MemoryState memoryState() {
        List<PendingState> groupStates = new ArrayList<>(groups.size());
        for (GroupFacts group : groups) {
            groupStates.add(pendingState(group));
        }
        return new MemoryState(length(), firstEntryId(), RedisReply.stringOrNull(info.get("last-generated-id")),
                RedisReply.stringOrNull(info.get("max-deleted-entry-id")), entriesAdded(), groupStates);
    }

    /*
     * The states below are compared with the previous poll's to decide what need not be asked again.
     * They are records compared by value, not text: formatting them cost more allocation per poll
     * than any reply but the largest (10,000 streams × 3 groups, on the event loop).
     */

    /** See {@link #memoryState()}; the groups in XINFO GROUPS order, with their names. */
    record MemoryState(long length, StreamEntryId first, String lastGenerated, String maxDeleted, Long entriesAdded,
            List<PendingState> groups) {
    }

    /** See {@link #undeliveredState}. */
    record UndeliveredState(StreamEntryId lastDelivered, StreamEntryId first, String maxDeleted, long removed) {
    }

    /** See {@link #pendingState}. */
    record PendingState(RedisName group, long pending, StreamEntryId lastDelivered, Long entriesRead, long consumers) {
    }

    /**
     * The first entry after a group's last-delivered-id changes only when the group moves or entries
     * are trimmed or deleted. {@code max-deleted-entry-id} only ever rises, so deleting an entry below
     * it (XDEL of B after C) leaves it unchanged: entries-added − length, the number of entries ever
     * removed, changes with every removal. Redis 6.2 reports neither, so there it is never reused (null).
     */
    UndeliveredState undeliveredState(GroupFacts group) {
        String maxDeleted = RedisReply.stringOrNull(info.get("max-deleted-entry-id"));
        Long added = entriesAdded();
        if (maxDeleted == null || added == null) {
            return null;
        }
        return new UndeliveredState(group.lastDelivered, firstEntryId(), maxDeleted, added - length());
    }

    /**
     * Pending details older than this are read again even when nothing changed: an XCLAIM or
     * XAUTOCLAIM resets an entry's idle time and raises its delivery count without changing anything
     * XINFO GROUPS shows, so reuse is bounded in time.
     */
    static final long PENDING_DETAILS_MAX_AGE_MILLIS = 60_000;

    /**
     * How long this group's pending details are reused: between half of
     * {@link #PENDING_DETAILS_MAX_AGE_MILLIS} and all of it, by the hash of the stream and group. Every
     * group is read on the same first poll; with one age for all, every group was read again on the
     * same later poll, which then sent 60,000 more commands at 10,000 streams × 3 groups and
     * outlasted a 2 s poll interval once a minute. Spread, about one group in 20 is read per poll.
     */
    static long pendingDetailsMaxAge(RedisName stream, RedisName group) {
        long spread = PENDING_DETAILS_MAX_AGE_MILLIS / 2;
        return PENDING_DETAILS_MAX_AGE_MILLIS - spread + Math.floorMod(31L * stream.hashCode() + group.hashCode(), spread);
    }

    /**
     * The oldest pending entry and the consumers' activity change only when the group delivers,
     * acknowledges or gains consumers — or through a claim ({@link #PENDING_DETAILS_MAX_AGE_MILLIS}).
     * While a group reads nothing new, its consumers' idle times simply grow with the clock: a
     * consumer re-polling an empty group resets its idle time in Redis, but reads nothing, so "no
     * consumer active while entries wait" stays true.
     */
    static PendingState pendingState(GroupFacts group) {
        return new PendingState(group.name, group.pending, group.lastDelivered, group.entriesRead, group.consumers);
    }

    UnchangedStream remember(long nowMillis) {
        Map<RedisName, UnchangedStream.FirstUndelivered> undelivered = new HashMap<>();
        Map<RedisName, UnchangedStream.PendingDetails> pendingDetails = new HashMap<>();
        for (GroupFacts group : groups) {
            UndeliveredState state = undeliveredState(group);
            if (state != null && group.firstUndeliveredKnown && group.firstUndelivered != null) {
                undelivered.put(group.name, new UnchangedStream.FirstUndelivered(state, group.firstUndelivered));
            }
            UnchangedStream.PendingDetails reused = group.reusedPendingDetails;
            if (reused != null) {
                pendingDetails.put(group.name, reused); // keep the time of the real reading
            } else if (group.consumerDetails != null && (group.pending == 0 || group.oldestPendingIdleSeconds != null)) {
                pendingDetails.put(group.name, new UnchangedStream.PendingDetails(pendingState(group), nowMillis,
                        group.oldestPendingIdleSeconds, group.oldestPendingDeliveries, group.consumerDetails));
            }
        }
        return new UnchangedStream(memoryState(), memoryBytes, Map.copyOf(undelivered), Map.copyOf(pendingDetails));
    }

    /** Adds the group-level commands this stream's groups call for to the second round trip. */
    void requestGroupDetails(RedisPipeline pipeline, RedisStreamCollector.Problems problems, UnchangedStream known, long nowMillis) {
        long length = length();
        StreamEntryId first = firstEntryId();
        StreamEntryId last = lastEntryId();
        for (GroupFacts group : groups) {
            group.lag = GroupLag.of(length, first, last, entriesAdded(), group.lastDelivered, group.entriesRead, group.redisLag);
            UnchangedStream.PendingDetails details = known == null ? null : known.pendingDetails().get(group.name);
            boolean detailsWanted = group.pending > 0 || !group.lag.caughtUp();
            boolean detailsReusable = detailsWanted && details != null && details.state().equals(pendingState(group))
                    && nowMillis - details.readAtMillis() < pendingDetailsMaxAge(key, group.name);
            if (detailsReusable) {
                group.reusedPendingDetails = details;
                group.oldestPendingIdleSeconds = details.oldestPendingIdleAt(nowMillis);
                group.oldestPendingDeliveries = details.oldestPendingDeliveries();
                group.consumerDetails = details.consumersAt(nowMillis);
            }
            if (group.pending > 0 && !detailsReusable) {
                pipeline.add(Request.cmd(Command.XPENDING).arg(RedisStreamCollector.bytes(key)).arg(RedisStreamCollector.bytes(group.name))
                        .arg("-").arg("+").arg(1), reply -> {
                            if (problems.check("XPENDING", reply) && reply.response().size() > 0) {
                                Response oldest = reply.response().get(0);
                                group.oldestPendingIdleSeconds = oldest.get(2).toLong() / 1000.0;
                                group.oldestPendingDeliveries = oldest.get(3).toLong();
                            }
                        });
            }
            UnchangedStream.FirstUndelivered reusable = known == null ? null : known.firstUndelivered().get(group.name);
            UndeliveredState state = undeliveredState(group);
            if (!group.lag.caughtUp() && !group.lag.behindFirstEntry() && reusable != null && reusable.state().equals(state)) {
                group.firstUndeliveredKnown = true;
                group.firstUndelivered = reusable.id();
            } else if (!group.lag.caughtUp() && !group.lag.behindFirstEntry()) {
                pipeline.add(Request.cmd(Command.XRANGE).arg(RedisStreamCollector.bytes(key)).arg("(" + group.lastDelivered)
                        .arg("+").arg("COUNT").arg(1), reply -> {
                            if (problems.check("XRANGE", reply)) {
                                group.firstUndeliveredKnown = true;
                                group.firstUndelivered = reply.response().size() == 0 ? null
                                        : StreamEntryId.parse(reply.response().get(0).get(0).toString());
                            }
                        });
            }
            if ((group.pending > 0 || !group.lag.caughtUp()) && !detailsReusable) {
                pipeline.add(Request.cmd(Command.XINFO).arg("CONSUMERS").arg(RedisStreamCollector.bytes(key))
                        .arg(RedisStreamCollector.bytes(group.name)), reply -> {
                            if (problems.check("XINFO CONSUMERS", reply)) {
                                group.consumerDetails = consumers(reply.response());
                            }
                        });
            }
        }
    }

    private static List<RedisConsumerSnapshot> consumers(Response reply) {
        List<RedisConsumerSnapshot> consumers = new ArrayList<>(reply.size());
        for (Response consumer : reply) {
            Map<String, Response> fields = RedisReply.fields(consumer);
            Long inactive = RedisReply.longOrNull(fields.get("inactive"));
            consumers.add(new RedisConsumerSnapshot(new RedisName(fields.get("name").toBytes()).display(),
                    fields.get("pending").toLong(), fields.get("idle").toLong() / 1000.0,
                    // -1: the consumer never read successfully
                    inactive == null || inactive < 0 ? null : inactive / 1000.0));
        }
        return consumers;
    }

    RedisStreamSnapshot toSnapshot(long nowMillis, String shard) {
        long length = length();
        StreamEntryId first = firstEntryId();
        StreamEntryId last = lastEntryId();
        Long added = entriesAdded();
        List<RedisGroupSnapshot> groupSnapshots = new ArrayList<>(groups.size());
        for (GroupFacts group : groups) {
            groupSnapshots.add(new RedisGroupSnapshot(group.name.display(), group.consumers, group.pending,
                    group.lag.lag(), lagSeconds(group, first, nowMillis), group.entriesRead, group.lastDelivered.toString(),
                    group.oldestPendingIdleSeconds, group.oldestPendingDeliveries, group.lag.trimmedBeforeDelivery(),
                    group.consumerDetails));
        }
        groupSnapshots.sort((a, b) -> a.group().compareTo(b.group()));
        return new RedisStreamSnapshot(key.display(), shard, length, memoryBytes,
                first == null ? null : first.toString(),
                last == null ? null : last.toString(),
                RedisReply.stringOrNull(info.get("last-generated-id")),
                added,
                RedisReply.stringOrNull(info.get("max-deleted-entry-id")),
                RedisReply.stringOrNull(info.get("recorded-first-entry-id")),
                RedisReply.longOrNull(info.get("radix-tree-nodes")),
                first == null ? null : first.ageSecondsAt(nowMillis),
                first == null || last == null ? null : (last.millis() - first.millis()) / 1000.0,
                added == null ? null : Math.max(0, added - length),
                memoryBytes == null || length == 0 ? null : (double) memoryBytes / length,
                List.copyOf(groupSnapshots), null);
    }

    /** Age of the oldest entry not yet delivered to the group (SPEC: time lag); 0 when caught up. */
    private static Double lagSeconds(GroupFacts group, StreamEntryId first, long nowMillis) {
        if (group.lag.caughtUp()) {
            return 0.0;
        }
        if (group.lag.behindFirstEntry()) {
            return first.ageSecondsAt(nowMillis);
        }
        if (!group.firstUndeliveredKnown) {
            return null;
        }
        return group.firstUndelivered == null ? 0.0 : group.firstUndelivered.ageSecondsAt(nowMillis);
    }
}
