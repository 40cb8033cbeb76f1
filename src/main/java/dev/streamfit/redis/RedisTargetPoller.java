package dev.streamfit.redis;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import dev.streamfit.config.RedisUrl;
import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.poll.CollectionProblem;
import dev.streamfit.poll.Gap;
import dev.streamfit.poll.PollScheduler;
import dev.streamfit.poll.Staleness;
import dev.streamfit.poll.SystemKind;
import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.TargetPoller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.NetClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.RedisOptions;

/**
 * Polls one Redis target: the server of its URL or, in cluster mode, every primary of the cluster
 * (discovered each poll from the seed). Each server has its own small client, reused between polls;
 * a poll takes one connection per server and gives it back however the poll ends, so an abandoned
 * poll leaks nothing.
 *
 * <p>A primary that cannot be polled (no answer within {@link #SHARD_SHARE} of the poll timeout, a
 * refused connection, or marked failed by the cluster while it still holds slots) or a stream that
 * cannot be described is not a deletion: what the previous poll saw there stays, marked stale with
 * the reason, and the poll has a gap. Only a server that answered without a stream removes it.
 */
public class RedisTargetPoller implements TargetPoller {

    /** A poll pipelines everything on one connection; a second lets an abandoned poll drain while the next starts. */
    private static final int MAX_CONNECTIONS = 2;
    /**
     * Share of the poll timeout a cluster primary gets to answer: one that does not answer is a gap in
     * a poll that still completes, rather than the whole target timing out and going down.
     */
    static final double SHARD_SHARE = 0.8;

    private final Vertx vertx;
    private final TargetId id;
    private final String url;
    private final RedisUrl parsedUrl;
    private final boolean cluster;
    private final int timeoutMillis;
    private final Duration timeout;
    private final RedisCollectorSettings settings;
    /** One collector per server (host:port): each remembers what its unchanged streams need not be asked again. */
    private final Map<String, RedisStreamCollector> collectors = new ConcurrentHashMap<>();
    private final Redis seed;
    /** Cluster mode: one client per primary, by host:port. */
    private final Map<String, Redis> primaries = new ConcurrentHashMap<>();
    /** What the last completed poll knew: kept for the streams and servers the next one cannot reach or describe. */
    private volatile RedisTargetSnapshot previous;
    private final AtomicBoolean firstPoll = new AtomicBoolean(true);

    public RedisTargetPoller(Vertx vertx, String name, StreamFitConfig.RedisTarget target, Duration timeout) {
        this.vertx = vertx;
        this.id = new TargetId(SystemKind.REDIS, name);
        this.url = target.url().trim();
        this.parsedUrl = RedisUrl.parse(url);
        this.cluster = target.cluster();
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        this.timeout = timeout;
        this.settings = RedisCollectorSettings.of(target);
        this.seed = client(url);
    }

    private Redis client(String connectionString) {
        RedisOptions options = new RedisOptions()
                .setConnectionString(connectionString)
                // RESP2: the same reply shapes on every Redis version StreamFit supports.
                .setPreferredProtocolVersion(ProtocolVersion.RESP2)
                .setMaxPoolSize(MAX_CONNECTIONS)
                .setMaxPoolWaiting(8)
                // A pipelined batch holds up to 3 commands per stream in flight.
                .setMaxWaitingHandlers(65_536)
                .setNetClientOptions(new NetClientOptions().setConnectTimeout(timeoutMillis).setTcpKeepAlive(true));
        return Redis.createClient(vertx, options);
    }

    @Override
    public TargetId id() {
        return id;
    }

    @Override
    public Uni<RedisTargetSnapshot> poll() {
        // The scheduler gives a target's first poll more time (a cold JVM, new connections): so do the shards.
        Duration pollTimeout = firstPoll.getAndSet(false) ? PollScheduler.firstPollTimeout(timeout) : timeout;
        if (!cluster) {
            return withConnection(seed, c -> collector(parsedUrl.address()).collect(c, parsedUrl.address(), null))
                    .map(node -> snapshot(List.of(node), List.of(), List.of(), Map.of()));
        }
        Duration shardTimeout = Duration.ofMillis((long) (pollTimeout.toMillis() * SHARD_SHARE));
        return withConnection(seed, this::discoverPrimaries).chain(discovery -> {
            List<Uni<RedisStreamCollector.NodeResult>> nodes = new ArrayList<>();
            List<CollectionProblem> problems = new ArrayList<>(discovery.problems());
            // Shards whose streams this poll cannot see, with the reason.
            Map<String, String> unknownShards = new ConcurrentHashMap<>();
            for (String address : discovery.failed()) {
                String reason = "primary " + address + " is marked failed by the cluster and no replica took over its slots";
                problems.add(CollectionProblem.unreachable(address, reason));
                unknownShards.put(address, reason);
            }
            for (String address : discovery.primaries()) {
                Redis client = primaries.computeIfAbsent(address, a -> client(urlFor(a)));
                nodes.add(withConnection(client, c -> collector(address).collect(c, address, address))
                        .ifNoItem().after(shardTimeout).failWith(() -> new TimeoutException("no answer within " + shardTimeout.toMillis() + " ms"))
                        .onFailure().recoverWithItem(failure -> {
                            String reason = "primary " + address + " could not be polled: " + failure.getMessage();
                            problems.add(CollectionProblem.unreachable(address, reason));
                            unknownShards.put(address, reason);
                            return null;
                        }));
            }
            forgetPrimariesOtherThan(discovery.primaries());
            return Uni.join().all(nodes).andFailFast().map(results -> {
                List<RedisStreamCollector.NodeResult> answered = results.stream().filter(r -> r != null).toList();
                if (discovery.problems().size() > 0) {
                    // Only the seed was polled: every other shard an earlier poll saw is unknown.
                    String reason = discovery.problems().get(0).message();
                    knownShards().forEach(address -> {
                        if (!address.equals(parsedUrl.address())) {
                            unknownShards.putIfAbsent(address, reason);
                        }
                    });
                }
                List<Gap> gaps = new ArrayList<>();
                discovery.problems().forEach(p -> gaps.add(new Gap(p.subject(), p.message())));
                new TreeMap<>(unknownShards).forEach((address, reason) -> gaps.add(new Gap("shard " + address, reason)));
                return snapshot(answered, problems, gaps, unknownShards);
            });
        });
    }

    /** The shards the previous poll saw, answered or kept. */
    private List<String> knownShards() {
        RedisTargetSnapshot before = previous;
        return before == null ? List.of() : before.instances().stream().map(RedisInstanceSnapshot::address).toList();
    }

    private RedisStreamCollector collector(String address) {
        return collectors.computeIfAbsent(address, a -> new RedisStreamCollector(settings));
    }

    /**
     * @param primaries the healthy primaries, to poll
     * @param failed    primaries marked failed that still hold slots: their streams are unknown
     * @param problems  why the primaries could not be discovered (then only the seed is polled)
     */
    private record Discovery(List<String> primaries, List<String> failed, List<CollectionProblem> problems) {
    }

    /** CLUSTER SHARDS, else CLUSTER NODES; when both are denied, only the seed is polled and a finding says so. */
    private Uni<Discovery> discoverPrimaries(RedisConnection connection) {
        List<String> found = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        return new RedisPipeline()
                .add(Request.cmd(Command.CLUSTER).arg("SHARDS"), reply -> {
                    if (reply.isError()) {
                        errors.add(reply.error());
                    } else {
                        found.addAll(RedisClusterTopology.primariesFromShards(reply.response()));
                        failed.addAll(RedisClusterTopology.failedPrimariesFromShards(reply.response()));
                    }
                })
                .execute(connection)
                .chain(() -> found.isEmpty()
                        ? new RedisPipeline().add(Request.cmd(Command.CLUSTER).arg("NODES"), reply -> {
                            if (reply.isError()) {
                                errors.add(reply.error());
                            } else {
                                found.addAll(RedisClusterTopology.primariesFromNodes(reply.response().toString()));
                                failed.addAll(RedisClusterTopology.failedPrimariesFromNodes(reply.response().toString()));
                            }
                        }).execute(connection)
                        : Uni.createFrom().voidItem())
                .map(ignored -> {
                    if (!found.isEmpty()) {
                        return new Discovery(found, failed, List.of());
                    }
                    return new Discovery(List.of(parsedUrl.address()), List.of(), List.of(new CollectionProblem(
                            errors.stream().anyMatch(e -> e.startsWith("NOPERM")) ? CollectionProblem.Kind.DENIED : CollectionProblem.Kind.FAILED,
                            "CLUSTER SHARDS", null, "cannot discover the cluster's primaries (" + String.join("; ", errors)
                                    + "): only " + parsedUrl.address() + " is polled")));
                });
    }

    private void forgetPrimariesOtherThan(List<String> current) {
        primaries.keySet().removeIf(address -> {
            if (current.contains(address)) {
                return false;
            }
            primaries.get(address).close();
            collectors.remove(address);
            return true;
        });
    }

    /** The seed URL with another host:port: same scheme and credentials. */
    private String urlFor(String address) {
        URI uri = URI.create(url);
        String userInfo = uri.getRawUserInfo();
        return uri.getScheme() + "://" + (userInfo == null ? "" : userInfo + "@") + address;
    }

    /**
     * The target's snapshot from what its servers answered. A stream or server an earlier poll saw
     * and this one did not is kept, stale, where this poll could not look — its shard is in
     * {@code unknownShards}, or its server found it but could not describe it — and is gone otherwise.
     */
    private RedisTargetSnapshot snapshot(List<RedisStreamCollector.NodeResult> nodes, List<CollectionProblem> extraProblems,
            List<Gap> extraGaps, Map<String, String> unknownShards) {
        List<RedisInstanceSnapshot> instances = new ArrayList<>();
        List<RedisStreamSnapshot> streams = new ArrayList<>();
        List<CollectionProblem> problems = new ArrayList<>(extraProblems);
        List<Gap> gaps = new ArrayList<>(extraGaps);
        Map<String, String> undescribed = new HashMap<>();
        for (RedisStreamCollector.NodeResult node : nodes) {
            if (node.instance() != null) {
                instances.add(node.instance());
            }
            streams.addAll(node.streams());
            problems.addAll(node.problems());
            node.gaps().stream().filter(g -> !gaps.contains(g)).forEach(gaps::add);
            undescribed.putAll(node.undescribed());
        }
        RedisTargetSnapshot before = previous;
        List<RedisStreamSnapshot> known = Staleness.keep(streams, before == null ? List.of() : before.streams(), RedisStreamSnapshot::stream,
                s -> undescribed.containsKey(s.stream()) ? undescribed.get(s.stream()) : s.shard() == null ? null : unknownShards.get(s.shard()));
        List<RedisInstanceSnapshot> servers = Staleness.keep(instances, before == null ? List.of() : before.instances(),
                RedisInstanceSnapshot::address, i -> unknownShards.get(i.address()));
        RedisTargetSnapshot snapshot = new RedisTargetSnapshot(id, Instant.now(), servers, known, List.copyOf(problems), List.copyOf(gaps));
        previous = snapshot;
        return snapshot;
    }

    /** Borrows a connection for one step and returns it to the pool however the step ends, cancellation included. */
    private static <T> Uni<T> withConnection(Redis client, Function<RedisConnection, Uni<T>> step) {
        return acquire(client).chain(connection -> Uni.createFrom().deferred(() -> step.apply(connection))
                .onTermination().invoke(() -> connection.closeAndForget()));
    }

    /**
     * A pooled connection. A poll abandoned while it waits for one must still give it back when it
     * arrives, or the pool (two connections) would run dry after two abandoned polls.
     */
    private static Uni<RedisConnection> acquire(Redis client) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean abandoned = new AtomicBoolean();
            emitter.onTermination(() -> abandoned.set(true));
            client.getDelegate().connect().onComplete(result -> {
                if (result.failed()) {
                    emitter.fail(result.cause());
                } else if (abandoned.get()) {
                    result.result().close();
                } else {
                    emitter.complete(RedisConnection.newInstance(result.result()));
                }
            });
        });
    }

    @Override
    public void close() {
        seed.close();
        primaries.values().forEach(Redis::close);
        primaries.clear();
    }
}
