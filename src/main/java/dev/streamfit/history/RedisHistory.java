package dev.streamfit.history;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.Stage;
import dev.streamfit.poll.StageName;
import dev.streamfit.poll.TargetPolled;
import dev.streamfit.redis.RedisGroupSnapshot;
import dev.streamfit.redis.RedisInstanceSnapshot;
import dev.streamfit.redis.RedisStreamSnapshot;
import dev.streamfit.redis.RedisTargetSnapshot;

/**
 * A history over {@code streamfit.advisor.window} of every Redis server, stream and group: what
 * rates, trends and activity are computed from. Only the columns a later stage or the report page's
 * charts read are kept.
 * Streams and groups that a successful listing no longer contains are forgotten; stale ones (their
 * shard did not answer, or they could not be described) keep their rings and get no sample, since
 * their figures are an earlier poll's.
 */
@ApplicationScoped
public class RedisHistory implements Stage {

    /** Columns of a stream sample. */
    public static final int STREAM_LENGTH = 0, STREAM_MEMORY = 1, STREAM_ENTRIES_ADDED = 2;
    /**
     * Columns of a group sample: the last-delivered-id as ms and seq, so moves (and rewinds) show; the
     * pending count and the time lag in milliseconds, for the report page's charts (an int offset each
     * in a ring, like every column).
     */
    public static final int GROUP_LAG = 0, GROUP_DELIVERED_MS = 1, GROUP_DELIVERED_SEQ = 2, GROUP_PENDING = 3, GROUP_LAG_MILLIS = 4;
    /** Columns of a server sample; history reads are XRANGE + XREVRANGE calls minus StreamFit's own XRANGEs. */
    public static final int SERVER_USED_MEMORY = 0, SERVER_EVICTED_KEYS = 1, SERVER_HISTORY_READS = 2;
    private static final int STREAM_COLUMNS = 3, GROUP_COLUMNS = 5, SERVER_COLUMNS = 3;

    public record StreamKey(TargetId target, String stream) {
    }

    public record GroupKey(TargetId target, String stream, String group) {
    }

    public record ServerKey(TargetId target, String address) {
    }

    private final RingsByTarget<StreamKey> streams = new RingsByTarget<>();
    private final RingsByTarget<GroupKey> groups = new RingsByTarget<>();
    private final RingsByTarget<ServerKey> servers = new RingsByTarget<>();
    private final SampleRing.Layout streamLayout;
    private final SampleRing.Layout groupLayout;
    private final SampleRing.Layout serverLayout;

    @Inject
    RedisHistory(StreamFitConfig config) {
        this(config.advisor().window());
    }

    public RedisHistory(Duration window) {
        streamLayout = new SampleRing.Layout(STREAM_COLUMNS, window);
        groupLayout = new SampleRing.Layout(GROUP_COLUMNS, window).withPosition(GROUP_DELIVERED_MS, GROUP_DELIVERED_SEQ);
        serverLayout = new SampleRing.Layout(SERVER_COLUMNS, window);
    }

    @Override
    public StageName stage() {
        return StageName.HISTORY;
    }

    @Override
    public void evaluate(TargetPolled event) {
        event.snapshot().filter(RedisTargetSnapshot.class::isInstance).map(RedisTargetSnapshot.class::cast).ifPresent(this::record);
    }

    public void record(RedisTargetSnapshot snapshot) {
        long now = snapshot.collectedAt().toEpochMilli();
        TargetId target = snapshot.target();

        Set<StreamKey> seenStreams = new HashSet<>();
        Set<GroupKey> seenGroups = new HashSet<>();
        for (RedisStreamSnapshot stream : snapshot.streams()) {
            StreamKey key = new StreamKey(target, stream.stream());
            seenStreams.add(key);
            if (!stream.stale()) {
                streams.ring(target, key, streamLayout)
                        .add(now, stream.length(), SampleRing.valueOf(stream.memoryBytes()), SampleRing.valueOf(stream.entriesAdded()));
            }
            for (RedisGroupSnapshot group : stream.groups()) {
                GroupKey groupKey = new GroupKey(target, stream.stream(), group.group());
                seenGroups.add(groupKey);
                if (stream.stale()) {
                    continue;
                }
                String[] delivered = group.lastDeliveredId().split("-");
                groups.ring(target, groupKey, groupLayout)
                        .add(now, SampleRing.valueOf(group.lag()), idPart(delivered[0]), idPart(delivered[1]), group.pending(),
                                group.lagSeconds() == null ? SampleRing.UNKNOWN : Math.round(group.lagSeconds() * 1000));
            }
        }
        streams.retain(target, seenStreams);
        groups.retain(target, seenGroups);

        Set<ServerKey> seenServers = new HashSet<>();
        for (RedisInstanceSnapshot server : snapshot.instances()) {
            ServerKey key = new ServerKey(target, server.address());
            seenServers.add(key);
            if (server.stale()) {
                continue;
            }
            long reads = server.commandCalls().getOrDefault("xrange", 0L) + server.commandCalls().getOrDefault("xrevrange", 0L)
                    - server.ownRangeReads();
            servers.ring(target, key, serverLayout)
                    .add(now, SampleRing.valueOf(server.usedMemory()), SampleRing.valueOf(server.evictedKeys()), reads);
        }
        servers.retain(target, seenServers);
    }

    /**
     * One part of a stream ID, exact. Redis allows parts up to 2^64 − 1; one at or beyond 2^63 (no
     * clock or sequence gets there unless set by hand) is unknown rather than a wrapped, negative number.
     */
    static long idPart(String part) {
        long value = Long.parseUnsignedLong(part);
        return value < 0 ? SampleRing.UNKNOWN : value;
    }

    /**
     * Whether a group's last-delivered-id at {@code sample} lies before the one at the sample before:
     * a move back (XGROUP SETID), compared as exact longs — a sequence part can exceed 2^53, where
     * doubles would call two IDs equal. False when either is unknown, and for the first sample.
     */
    public static boolean deliveredMovedBack(SampleRing.Samples group, int sample) {
        if (sample < 1 || !group.known(sample - 1, GROUP_DELIVERED_MS) || !group.known(sample, GROUP_DELIVERED_MS)) {
            return false;
        }
        long msA = group.exact(sample - 1, GROUP_DELIVERED_MS);
        long msB = group.exact(sample, GROUP_DELIVERED_MS);
        return msB < msA || (msB == msA && Long.compareUnsigned(group.exact(sample, GROUP_DELIVERED_SEQ),
                group.exact(sample - 1, GROUP_DELIVERED_SEQ)) < 0);
    }

    /*
     * Two ways to read: a copy (stream, group, server), to keep or to read on any thread; or in place
     * (readStream, readGroup, readServer), for the evaluation stages, which run in the target's lane
     * after this stage recorded the poll and read tens of thousands of rings per poll.
     */

    public <R> Optional<R> readStream(TargetId target, String stream, Function<? super SampleRing.Samples, ? extends R> reader) {
        return streams.read(target, new StreamKey(target, stream), reader);
    }

    public <R> Optional<R> readGroup(TargetId target, String stream, String group, Function<? super SampleRing.Samples, ? extends R> reader) {
        return groups.read(target, new GroupKey(target, stream, group), reader);
    }

    public <R> Optional<R> readServer(TargetId target, String address, Function<? super SampleRing.Samples, ? extends R> reader) {
        return servers.read(target, new ServerKey(target, address), reader);
    }

    public Optional<SampleRing.Samples> stream(TargetId target, String stream) {
        return Optional.ofNullable(streams.get(target, new StreamKey(target, stream))).map(SampleRing::samples);
    }

    public Optional<SampleRing.Samples> group(TargetId target, String stream, String group) {
        return Optional.ofNullable(groups.get(target, new GroupKey(target, stream, group))).map(SampleRing::samples);
    }

    public Optional<SampleRing.Samples> server(TargetId target, String address) {
        return Optional.ofNullable(servers.get(target, new ServerKey(target, address))).map(SampleRing::samples);
    }
}
