package dev.streamfit.advisor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.health.RedisHealthEvaluator;
import dev.streamfit.health.RedisHealthRules;
import dev.streamfit.history.RedisHistory;
import dev.streamfit.history.SampleRing;
import dev.streamfit.redis.RedisConsumerSnapshot;
import dev.streamfit.redis.RedisGroupSnapshot;
import dev.streamfit.redis.RedisInstanceSnapshot;
import dev.streamfit.redis.RedisStreamSnapshot;
import dev.streamfit.redis.RedisTargetSnapshot;
import dev.streamfit.history.Rates;
import dev.streamfit.poll.TargetId;

/**
 * Builds {@link RedisStreamProfile}s from a Redis target's latest snapshot, its history, and the
 * health stage's server findings that concern each stream.
 */
@ApplicationScoped
public class RedisProfiler {

    @Inject
    RedisHistory history;
    @Inject
    RedisHealthEvaluator health;
    @Inject
    StreamFitConfig config;

    List<RedisStreamProfile> profiles(RedisTargetSnapshot snapshot) {
        List<RedisStreamProfile> profiles = new ArrayList<>();
        for (RedisStreamSnapshot stream : snapshot.streams()) {
            profiles.add(profile(snapshot, stream));
        }
        return profiles;
    }

    private RedisStreamProfile profile(RedisTargetSnapshot snapshot, RedisStreamSnapshot stream) {
        Duration window = config.advisor().window();
        TargetId target = snapshot.target();
        int rateColumn = stream.entriesAdded() != null ? RedisHistory.STREAM_ENTRIES_ADDED : RedisHistory.STREAM_LENGTH;
        List<String> groups = new ArrayList<>();
        List<String> active = new ArrayList<>();
        List<String> rewound = new ArrayList<>();
        List<String> farBehind = new ArrayList<>();
        long maxConsumers = 0;
        Double maxLagSeconds = null;
        for (RedisGroupSnapshot group : stream.groups()) {
            groups.add(group.group());
            maxConsumers = Math.max(maxConsumers, consumersActiveWithin(group, window));
            if (group.lagSeconds() != null) {
                maxLagSeconds = maxLagSeconds == null ? group.lagSeconds() : Math.max(maxLagSeconds, group.lagSeconds());
            }
            GroupMoves moves = history.readGroup(target, stream.stream(), group.group(), positions -> new GroupMoves(
                    Rates.moved(positions, RedisHistory.GROUP_DELIVERED_MS) || Rates.moved(positions, RedisHistory.GROUP_DELIVERED_SEQ),
                    RedisHealthRules.lastDeliveredMovedBack(positions),
                    history.readStream(target, stream.stream(),
                            samples -> createdFarBehind(positions, samples, config.advisor().replayBehindShare())).orElse(false)))
                    .orElse(GroupMoves.NO_HISTORY);
            if (moves.advanced() || consumerActiveWithin(group, window)) {
                active.add(group.group());
            }
            if (moves.rewound()) {
                rewound.add(group.group());
            }
            if (moves.createdFarBehind()) {
                farBehind.add(group.group());
            }
        }
        RedisInstanceSnapshot server = serverOf(snapshot, stream);
        return new RedisStreamProfile(stream.stream(),
                history.readStream(target, stream.stream(), s -> Rates.mean(s, rateColumn)).orElse(null),
                history.readStream(target, stream.stream(), s -> Rates.peak(s, rateColumn)).orElse(null),
                stream.length(), stream.memoryBytes(), stream.bytesPerEntry(), stream.oldestEntryAgeSeconds(),
                groups, active, rewound, farBehind, maxConsumers, RedisHealthRules.neverTrimmed(stream), server,
                health.concerning(snapshot.target(), stream.stream()),
                server == null ? null
                        : history.readServer(target, server.address(), s -> Rates.mean(s, RedisHistory.SERVER_HISTORY_READS)).orElse(null),
                maxLagSeconds);
    }

    /** What a group's history says of its last-delivered-id. */
    private record GroupMoves(boolean advanced, boolean rewound, boolean createdFarBehind) {
        static final GroupMoves NO_HISTORY = new GroupMoves(false, false, false);
    }

    /**
     * The group appeared while StreamFit watched the stream (its history starts after the stream's)
     * and, when first seen, was behind by at least {@code share} of the stream: created to read old
     * entries (SPEC: replay). A group that stopped and fell behind later is a health finding
     * ({@code redis.group.stalled}), not replay; one that fell behind a trim neither.
     */
    static boolean createdFarBehind(SampleRing.Samples group, SampleRing.Samples stream, double share) {
        if (group.size() == 0 || stream.size() == 0 || group.time(0) <= stream.time(0)
                || !group.known(0, RedisHistory.GROUP_LAG)) {
            return false;
        }
        long firstSeen = group.time(0);
        Long lengthThen = null;
        for (int i = 0; i < stream.size() && stream.time(i) <= firstSeen; i++) {
            if (stream.known(i, RedisHistory.STREAM_LENGTH)) {
                lengthThen = stream.exact(i, RedisHistory.STREAM_LENGTH);
            }
        }
        return lengthThen != null && lengthThen > 0 && group.exact(0, RedisHistory.GROUP_LAG) >= share * lengthThen;
    }

    /**
     * Consumers of the group active within the window: XINFO GROUPS counts every consumer name ever
     * used, and names never expire (pods with random names pile up). Where StreamFit did not read the
     * group's consumers (a caught-up group with nothing pending), the count XINFO GROUPS gives.
     */
    static long consumersActiveWithin(RedisGroupSnapshot group, Duration window) {
        if (group.consumerDetails() == null) {
            return group.consumers();
        }
        long active = 0;
        for (RedisConsumerSnapshot consumer : group.consumerDetails()) {
            double seconds = consumer.inactiveSeconds() != null ? consumer.inactiveSeconds() : consumer.idleSeconds();
            if (seconds < window.toSeconds()) {
                active++;
            }
        }
        return active;
    }

    private static boolean consumerActiveWithin(RedisGroupSnapshot group, Duration window) {
        if (group.consumerDetails() == null) {
            return false;
        }
        for (RedisConsumerSnapshot consumer : group.consumerDetails()) {
            double seconds = consumer.inactiveSeconds() != null ? consumer.inactiveSeconds() : consumer.idleSeconds();
            if (seconds < window.toSeconds()) {
                return true;
            }
        }
        return false;
    }

    private static RedisInstanceSnapshot serverOf(RedisTargetSnapshot snapshot, RedisStreamSnapshot stream) {
        for (RedisInstanceSnapshot server : snapshot.instances()) {
            if (stream.shard() == null || stream.shard().equals(server.address())) {
                return server;
            }
        }
        return null;
    }
}
