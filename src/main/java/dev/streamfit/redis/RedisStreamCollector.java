package dev.streamfit.redis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;

import dev.streamfit.poll.CollectionProblem;
import dev.streamfit.poll.Gap;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Collects one Redis server: INFO, the streams matching the glob (SCAN ... TYPE stream), and per
 * stream XINFO STREAM and XINFO GROUPS, then only what each stream and group needs: MEMORY USAGE
 * when the stream changed since it was last measured, the oldest pending entry
 * ({@code XPENDING key group - + 1}) when a group has pending entries, the first undelivered entry
 * ({@code XRANGE key (<last-delivered-id> + COUNT 1}) when it lags and that entry may have changed,
 * and XINFO CONSUMERS for either. Streams go in pipelined batches of {@code pipeline-batch}: two
 * round trips per batch, never one per stream. One collector per server: it remembers what an
 * unchanged stream does not need to be asked again. Nothing here is O(n) in entries: no
 * XINFO STREAM FULL, no XPENDING IDLE, no XRANGE over more than one entry.
 */
public final class RedisStreamCollector {

    private static final String INFO_SECTIONS = "server memory stats persistence replication commandstats keyspace";

    private final RedisCollectorSettings settings;
    /** Redis before 7.0 takes one INFO section: after the first refusal ask for "all", which holds them. */
    private volatile boolean singleSectionInfo;
    /** What earlier polls measured that stays true while a stream does not change (one collector per server). */
    private final Map<RedisName, UnchangedStream> unchanged = new java.util.concurrent.ConcurrentHashMap<>();
    /** XRANGE calls this collector sent: the advisor must not take StreamFit's own reads for history reads. */
    private final java.util.concurrent.atomic.AtomicLong rangeReads = new java.util.concurrent.atomic.AtomicLong();

    /** Pipelined batches sent before the first one's replies are in; each holds up to pipeline-batch streams. */
    static final int BATCHES_IN_FLIGHT = 3;

    public RedisStreamCollector(RedisCollectorSettings settings) {
        this.settings = settings;
    }

    /**
     * What one server yielded.
     *
     * @param gaps      the commands that failed to describe some streams
     * @param undescribed streams found but not described (XINFO failed), by name, with the reason: unknown, not gone
     */
    public record NodeResult(RedisInstanceSnapshot instance, List<RedisStreamSnapshot> streams, List<CollectionProblem> problems,
            List<Gap> gaps, Map<String, String> undescribed) {
    }

    /** @param shard host:port label put on each stream in cluster mode, else null */
    public Uni<NodeResult> collect(RedisConnection connection, String address, String shard) {
        Problems problems = new Problems();
        // INFO, sent first, counts StreamFit's own XRANGEs up to now; this poll's come after it. So the
        // count to subtract is the one before this poll (counting at its end was one poll off).
        long ownReadsBeforeInfo = rangeReads.get();
        return info(connection, address, problems)
                .chain(instance -> clock(connection, instance).chain(clock -> discover(connection)
                        .chain(keys -> limit(connection, keys, problems))
                        .chain(keys -> collectStreams(connection, keys, clock, shard, problems))
                        .map(streams -> new NodeResult(instance == null ? null : instance.withOwnRangeReads(ownReadsBeforeInfo),
                                streams, problems.list(), problems.gaps(), problems.undescribed()))));
    }

    private Uni<RedisInstanceSnapshot> info(RedisConnection connection, String address, Problems problems) {
        String[] sections = singleSectionInfo ? new String[] {"all"} : INFO_SECTIONS.split(" ");
        Request request = Request.cmd(Command.INFO);
        for (String section : sections) {
            request.arg(section);
        }
        RedisInstanceSnapshot[] result = new RedisInstanceSnapshot[1];
        String[] savePoints = new String[1];
        boolean[] retry = new boolean[1];
        return new RedisPipeline().add(request, reply -> {
            if (reply.isPermissionDenied()) {
                problems.denied("INFO", reply.error());
            } else if (reply.isError() && !singleSectionInfo) {
                retry[0] = true;
            } else if (reply.isError()) {
                problems.failed("INFO", reply.error());
            } else {
                result[0] = RedisInstanceSnapshot.fromInfo(address, reply.response().toString());
            }
        }).add(Request.cmd(Command.CONFIG).arg("GET").arg("save"), reply -> {
            // Optional: proves RDB off when AOF is off too. Denied (a read-only ACL without
            // +config|get) leaves persistence unknown — not a problem worth a finding.
            if (!reply.isError()) {
                savePoints[0] = RedisReply.stringOrNull(RedisReply.fields(reply.response()).get("save"));
            }
        }).execute(connection).chain(() -> {
            if (retry[0]) {
                singleSectionInfo = true;
                return info(connection, address, problems);
            }
            return Uni.createFrom().item(result[0] == null ? null : result[0].withRdbSavePoints(savePoints[0]));
        });
    }

    /** The server's clock: from INFO (Redis 7+), else TIME, else ours when TIME is denied. */
    private Uni<ServerClock> clock(RedisConnection connection, RedisInstanceSnapshot instance) {
        if (instance != null && instance.serverTimeMillis() != null) {
            return Uni.createFrom().item(ServerClock.at(instance.serverTimeMillis()));
        }
        ServerClock[] clock = {ServerClock.local()};
        return new RedisPipeline().add(Request.cmd(Command.TIME), reply -> {
            if (!reply.isError()) {
                clock[0] = ServerClock.at(reply.response().get(0).toLong() * 1000 + reply.response().get(1).toLong() / 1000);
            }
        }).execute(connection).map(ignored -> clock[0]);
    }

    private Uni<List<RedisName>> discover(RedisConnection connection) {
        return scan(connection, "0", new LinkedHashSet<>()).map(List::copyOf);
    }

    /**
     * Every key once: SCAN may return a key twice when the keyspace is resized during the scan (Redis
     * documents it), and a stream listed twice would be shown, exported and counted twice.
     */
    private Uni<Set<RedisName>> scan(RedisConnection connection, String cursor, Set<RedisName> found) {
        Request request = Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(settings.streamsGlob())
                .arg("COUNT").arg(RedisCollectorSettings.SCAN_COUNT).arg("TYPE").arg("stream");
        return connection.send(request).chain(reply -> {
            for (Response key : reply.get(1)) {
                found.add(new RedisName(key.toBytes()));
            }
            String next = reply.get(0).toString();
            return "0".equals(next) ? Uni.createFrom().item(found) : scan(connection, next, found);
        });
    }

    /** Beyond max-streams keep the largest by memory, and say how many were left out. */
    private Uni<List<RedisName>> limit(RedisConnection connection, List<RedisName> keys, Problems problems) {
        if (keys.size() <= settings.maxStreams()) {
            return Uni.createFrom().item(keys);
        }
        Map<RedisName, Long> memory = new HashMap<>();
        List<RedisPipeline> batches = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += settings.pipelineBatch() * 3) {
            RedisPipeline pipeline = new RedisPipeline();
            for (RedisName key : keys.subList(from, Math.min(keys.size(), from + settings.pipelineBatch() * 3))) {
                pipeline.add(memoryUsage(key), reply -> {
                    if (reply.isPermissionDenied()) {
                        problems.denied("MEMORY USAGE", reply.error());
                    } else if (!reply.isError() && reply.response() != null) {
                        memory.put(key, reply.response().toLong());
                    }
                });
            }
            batches.add(pipeline);
        }
        return Multi.createFrom().iterable(batches).onItem().transformToUniAndConcatenate(p -> p.execute(connection))
                .collect().last().map(ignored -> {
                    int left = keys.size() - settings.maxStreams();
                    problems.add(CollectionProblem.limited("max-streams", left,
                            keys.size() + " streams match, max-streams is " + settings.maxStreams() + ": the " + left
                                    + " smallest by memory are left out"));
                    return keys.stream().sorted(Comparator.comparing((RedisName k) -> memory.getOrDefault(k, -1L)).reversed()
                            .thenComparing(RedisName::display)).limit(settings.maxStreams()).toList();
                });
    }

    Uni<List<RedisStreamSnapshot>> collectStreams(RedisConnection connection, List<RedisName> keys, ServerClock clock,
            String shard, Problems problems) {
        List<List<RedisName>> batches = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += settings.pipelineBatch()) {
            batches.add(keys.subList(from, Math.min(keys.size(), from + settings.pipelineBatch())));
        }
        List<RedisStreamSnapshot> streams = new ArrayList<>(keys.size());
        // A few batches in flight on the one connection: Redis executes one while the event loop parses
        // another's replies, instead of each waiting for the other.
        return Multi.createFrom().iterable(batches)
                .onItem().transformToUni(batch -> collectBatch(connection, batch, clock, shard, problems)).merge(BATCHES_IN_FLIGHT)
                .onItem().invoke(streams::addAll)
                .collect().last()
                .map(ignored -> {
                    // Forget streams this poll did not see: the cache is bounded by what exists.
                    unchanged.keySet().retainAll(new java.util.HashSet<>(keys));
                    streams.sort(Comparator.comparing(RedisStreamSnapshot::stream));
                    return streams;
                });
    }

    /** Two round trips: the stream-level commands, then the group-level ones the first answers call for. */
    private Uni<List<RedisStreamSnapshot>> collectBatch(RedisConnection connection, List<RedisName> keys, ServerClock clock,
            String shard, Problems problems) {
        Map<RedisName, StreamFacts> facts = new LinkedHashMap<>();
        RedisPipeline first = new RedisPipeline();
        for (RedisName key : keys) {
            StreamFacts stream = new StreamFacts(key);
            facts.put(key, stream);
            first.add(Request.cmd(Command.XINFO).arg("STREAM").arg(bytes(key)), reply -> {
                if (problems.check("XINFO STREAM", reply)) {
                    stream.info(RedisReply.fields(reply.response()));
                } else if (reply.isMissingKey()) {
                    stream.gone = true;
                } else {
                    problems.undescribed(stream.key, "XINFO STREAM", reply);
                }
            });
            first.add(Request.cmd(Command.XINFO).arg("GROUPS").arg(bytes(key)), reply -> {
                if (problems.check("XINFO GROUPS", reply)) {
                    stream.groups(reply.response());
                } else if (reply.isMissingKey()) {
                    stream.gone = true;
                } else {
                    // Without its groups the stream would look like one nobody reads.
                    problems.undescribed(stream.key, "XINFO GROUPS", reply);
                }
            });
        }
        return first.execute(connection).chain(() -> {
            RedisPipeline second = new RedisPipeline();
            for (StreamFacts stream : facts.values()) {
                if (described(stream, problems)) {
                    requestMemory(second, stream, problems);
                    stream.requestGroupDetails(second, problems, unchanged.get(stream.key), clock.nowMillis());
                }
            }
            rangeReads.addAndGet(second.count(Command.XRANGE));
            return second.execute(connection);
        }).map(ignored -> {
            long now = clock.nowMillis();
            List<RedisStreamSnapshot> snapshots = new ArrayList<>(facts.size());
            for (StreamFacts stream : facts.values()) {
                if (described(stream, problems)) {
                    snapshots.add(stream.toSnapshot(now, shard));
                    unchanged.put(stream.key, stream.remember(now));
                } else {
                    unchanged.remove(stream.key);
                }
            }
            return snapshots;
        });
    }

    private static boolean described(StreamFacts stream, Problems problems) {
        return !stream.gone && stream.info != null && !problems.undescribed.containsKey(stream.key.display());
    }

    /**
     * MEMORY USAGE only when the stream or its groups changed since it was last measured: a stream
     * whose length, IDs and groups are all as before occupies what it occupied before.
     */
    private void requestMemory(RedisPipeline pipeline, StreamFacts stream, Problems problems) {
        StreamFacts.MemoryState state = stream.memoryState();
        UnchangedStream known = unchanged.get(stream.key);
        if (known != null && state.equals(known.memoryState()) && known.memoryBytes() != null) {
            stream.memoryBytes = known.memoryBytes();
            return;
        }
        pipeline.add(memoryUsage(stream.key), reply -> {
            if (problems.check("MEMORY USAGE", reply) && reply.response() != null) {
                stream.memoryBytes = reply.response().toLong();
            }
        });
    }

    private Request memoryUsage(RedisName key) {
        return Request.cmd(Command.MEMORY).arg("USAGE").arg(bytes(key)).arg("SAMPLES").arg(settings.memorySamples());
    }

    static Buffer bytes(RedisName name) {
        return Buffer.buffer(name.raw());
    }

    /** Problems of one poll, one per rule and command; the gaps among them, and the streams they left undescribed. */
    static final class Problems {
        private final Map<String, CollectionProblem> byKey = new LinkedHashMap<>();
        private final Map<String, Gap> gaps = new LinkedHashMap<>();
        private final Map<String, String> undescribed = new LinkedHashMap<>();

        /** True when the reply is usable; records a denied or failed command otherwise (a missing key is not a problem). */
        boolean check(String command, RedisReply reply) {
            if (reply.isPermissionDenied()) {
                denied(command, reply.error());
            } else if (reply.isError() && !reply.isMissingKey()) {
                failed(command, reply.error());
            }
            return !reply.isError();
        }

        void denied(String command, String error) {
            add(CollectionProblem.denied(command,
                    "the ACL denies " + command + ": " + error + "; the values it gives are unknown"));
        }

        void failed(String command, String error) {
            add(CollectionProblem.failed(command, command + " failed: " + error));
        }

        void add(CollectionProblem problem) {
            byKey.putIfAbsent(problem.kind() + "|" + problem.subject(), problem);
        }

        List<CollectionProblem> list() {
            return List.copyOf(byKey.values());
        }

        /** A stream SCAN found but {@code command} could not describe (its problem is already noted): unknown, not gone. */
        void undescribed(RedisName stream, String command, RedisReply reply) {
            String reason = command + (reply.isPermissionDenied() ? " denied: " : " failed: ") + reply.error();
            gaps.putIfAbsent(command, new Gap(command, reason));
            undescribed.putIfAbsent(stream.display(), reason);
        }

        List<Gap> gaps() {
            return List.copyOf(gaps.values());
        }

        Map<String, String> undescribed() {
            return Map.copyOf(undescribed);
        }
    }

    /** The server's clock, advanced by our own elapsed time since it was read. */
    record ServerClock(long serverMillis, long readAtNanos) {
        static ServerClock at(long serverMillis) {
            return new ServerClock(serverMillis, System.nanoTime());
        }

        static ServerClock local() {
            return at(System.currentTimeMillis());
        }

        long nowMillis() {
            return serverMillis + (System.nanoTime() - readAtNanos) / 1_000_000;
        }
    }
}
