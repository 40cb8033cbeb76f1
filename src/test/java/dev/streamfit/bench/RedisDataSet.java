package dev.streamfit.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import dev.streamfit.support.RedisFixtures;

/**
 * The Redis data set of issue 8: streams of 30 entries, each with 3 consumer groups that read 10
 * entries and acked none (10 pending and a lag of 20 per group). Loaded pipelined through
 * {@link RedisFixtures}: a few hundred round trips for 10,000 streams, not hundreds of thousands.
 */
final class RedisDataSet {

    static final String PREFIX = "bench:stream:";
    static final String GLOB = PREFIX + "*";
    /** Commands per pipelined batch: large enough for few round trips, small enough for the fixture's 10 s per batch. */
    private static final int COMMANDS_PER_BATCH = 2000;

    /** How many streams and how each looks. */
    record Shape(int streams, int groups, int entries, int readPerGroup) {

        /** {@code -Dbench.streams}, {@code -Dbench.groupsPerStream}, {@code -Dbench.entries}, {@code -Dbench.read}. */
        static Shape from(BenchOptions options, int defaultStreams, int defaultGroups) {
            Shape shape = new Shape(options.integer("bench.streams", defaultStreams, 1), options.integer("bench.groupsPerStream", defaultGroups, 1),
                    options.integer("bench.entries", 30, 1), options.integer("bench.read", 10, 0));
            if (shape.readPerGroup() > shape.entries()) {
                throw new IllegalArgumentException("-Dbench.read must not exceed -Dbench.entries");
            }
            return shape;
        }

        long lagPerGroup() {
            return entries - readPerGroup;
        }

        String describe() {
            return String.format(Locale.ROOT, "%,d streams `%s<i>` × %d groups: %d entries each (auto IDs); every group read %d "
                    + "entries with one consumer and acked none (%d pending, lag %d per group)", streams, PREFIX, groups, entries,
                    readPerGroup, readPerGroup, lagPerGroup());
        }
    }

    private RedisDataSet() {
    }

    /** Loads the streams into the (empty) server at {@code url}; returns the seconds it took. */
    static double load(String url, Shape shape) {
        long start = System.nanoTime();
        try (RedisFixtures redis = new RedisFixtures(url)) {
            List<Object[]> batch = new ArrayList<>();
            for (int i = 0; i < shape.streams(); i++) {
                String key = PREFIX + i;
                for (int e = 0; e < shape.entries(); e++) {
                    batch.add(new Object[] {"XADD", key, "*", "type", e % 3 == 0 ? "order.created" : "order.paid", "n", e});
                }
                for (int g = 0; g < shape.groups(); g++) {
                    batch.add(new Object[] {"XGROUP", "CREATE", key, "g" + g, "0"});
                    if (shape.readPerGroup() > 0) {
                        batch.add(new Object[] {"XREADGROUP", "GROUP", "g" + g, "c1", "COUNT", shape.readPerGroup(), "STREAMS", key, ">"});
                    }
                }
                if (batch.size() >= COMMANDS_PER_BATCH) {
                    redis.batch(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                redis.batch(batch);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Fails the run unless the service's {@code GET /api/v1/redis/<target>/streams} shows the data set
     * as loaded: every stream, its length, and every group's pending count and lag. A benchmark of a
     * service that saw something else would measure nothing.
     */
    static String checkServiceView(JsonNode streams, Shape shape) {
        if (streams.size() != shape.streams()) {
            throw new IllegalStateException("the service lists " + streams.size() + " streams, the data set has " + shape.streams());
        }
        for (JsonNode stream : streams) {
            JsonNode groups = stream.path("groups");
            if (stream.path("length").asLong() != shape.entries() || groups.size() != shape.groups()) {
                throw new IllegalStateException("the service shows " + stream.path("stream").asText() + " with length "
                        + stream.path("length") + " and " + groups.size() + " groups; loaded " + shape.entries() + " and " + shape.groups());
            }
            for (JsonNode group : groups) {
                if (group.path("pending").asLong() != shape.readPerGroup() || group.path("lag").asLong(-1) != shape.lagPerGroup()) {
                    throw new IllegalStateException("the service shows group " + group.path("group").asText() + " of "
                            + stream.path("stream").asText() + " with pending " + group.path("pending") + " and lag " + group.path("lag")
                            + "; loaded " + shape.readPerGroup() + " and " + shape.lagPerGroup());
                }
            }
        }
        return String.format(Locale.ROOT, "`GET /api/v1/redis/<target>/streams` showed all %,d streams as loaded (length, groups, "
                + "pending and lag of every group)", shape.streams());
    }
}
