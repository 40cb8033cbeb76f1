package dev.streamfit.history;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 * A bounded history over {@code streamfit.advisor.window} of every Redis server, stream and group:
 * what rates, trends and activity are computed from. Streams and groups that disappear are forgotten.
 */
@ApplicationScoped
public class RedisHistory implements Stage {

    /** Samples per ring: enough for a trend, small enough for 10,000 streams × groups. */
    static final int CAPACITY = 120;

    /** Columns of a stream sample. */
    public static final int STREAM_LENGTH = 0, STREAM_MEMORY = 1, STREAM_ENTRIES_ADDED = 2;
    /** Columns of a group sample: the last-delivered-id as ms and seq, so moves (and rewinds) show. */
    public static final int GROUP_LAG = 0, GROUP_PENDING = 1, GROUP_ENTRIES_READ = 2, GROUP_DELIVERED_MS = 3, GROUP_DELIVERED_SEQ = 4;
    /** Columns of a server sample. */
    /** Columns of a server sample; history reads are XRANGE + XREVRANGE calls minus StreamFit's own XRANGEs. */
    public static final int SERVER_USED_MEMORY = 0, SERVER_EVICTED_KEYS = 1, SERVER_XADD = 2, SERVER_HISTORY_READS = 3;

    public record StreamKey(TargetId target, String stream) {
    }

    public record GroupKey(TargetId target, String stream, String group) {
    }

    public record ServerKey(TargetId target, String address) {
    }

    @Inject
    StreamFitConfig config;

    private final Map<StreamKey, SampleRing> streams = new ConcurrentHashMap<>();
    private final Map<GroupKey, SampleRing> groups = new ConcurrentHashMap<>();
    private final Map<ServerKey, SampleRing> servers = new ConcurrentHashMap<>();

    @Override
    public StageName stage() {
        return StageName.HISTORY;
    }

    @Override
    public void evaluate(TargetPolled event) {
        event.snapshot().filter(RedisTargetSnapshot.class::isInstance).map(RedisTargetSnapshot.class::cast).ifPresent(this::record);
    }

    void record(RedisTargetSnapshot snapshot) {
        long now = snapshot.collectedAt().toEpochMilli();
        Duration window = config.advisor().window();
        long spacing = window.toMillis() / CAPACITY;
        long cutoff = now - window.toMillis();
        TargetId target = snapshot.target();

        Set<StreamKey> seenStreams = new HashSet<>();
        Set<GroupKey> seenGroups = new HashSet<>();
        for (RedisStreamSnapshot stream : snapshot.streams()) {
            StreamKey key = new StreamKey(target, stream.stream());
            seenStreams.add(key);
            SampleRing ring = streams.computeIfAbsent(key, k -> new SampleRing(CAPACITY, 3, spacing));
            ring.add(now, stream.length(), SampleRing.valueOf(stream.memoryBytes()), SampleRing.valueOf(stream.entriesAdded()));
            ring.expire(cutoff);
            for (RedisGroupSnapshot group : stream.groups()) {
                GroupKey groupKey = new GroupKey(target, stream.stream(), group.group());
                seenGroups.add(groupKey);
                String[] delivered = group.lastDeliveredId().split("-");
                SampleRing groupRing = groups.computeIfAbsent(groupKey, k -> new SampleRing(CAPACITY, 5, spacing));
                groupRing.add(now, SampleRing.valueOf(group.lag()), group.pending(), SampleRing.valueOf(group.entriesRead()),
                        Double.parseDouble(delivered[0]), Double.parseDouble(delivered[1]));
                groupRing.expire(cutoff);
            }
        }
        streams.keySet().removeIf(k -> k.target().equals(target) && !seenStreams.contains(k));
        groups.keySet().removeIf(k -> k.target().equals(target) && !seenGroups.contains(k));

        Set<ServerKey> seenServers = new HashSet<>();
        for (RedisInstanceSnapshot server : snapshot.instances()) {
            ServerKey key = new ServerKey(target, server.address());
            seenServers.add(key);
            SampleRing ring = servers.computeIfAbsent(key, k -> new SampleRing(CAPACITY, 4, spacing));
            double reads = server.commandCalls().getOrDefault("xrange", 0L) + server.commandCalls().getOrDefault("xrevrange", 0L)
                    - server.ownRangeReads();
            ring.add(now, SampleRing.valueOf(server.usedMemory()), SampleRing.valueOf(server.evictedKeys()),
                    SampleRing.valueOf(server.commandCalls().get("xadd")), reads);
            ring.expire(cutoff);
        }
        servers.keySet().removeIf(k -> k.target().equals(target) && !seenServers.contains(k));
    }

    public Optional<SampleRing.Samples> stream(TargetId target, String stream) {
        return Optional.ofNullable(streams.get(new StreamKey(target, stream))).map(SampleRing::samples);
    }

    public Optional<SampleRing.Samples> group(TargetId target, String stream, String group) {
        return Optional.ofNullable(groups.get(new GroupKey(target, stream, group))).map(SampleRing::samples);
    }

    public Optional<SampleRing.Samples> server(TargetId target, String address) {
        return Optional.ofNullable(servers.get(new ServerKey(target, address))).map(SampleRing::samples);
    }
}
