package dev.streamfit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.vertx.redis.client.Response;

/**
 * A real three-primary Redis Cluster (no replicas) of redis-server processes from PATH, joined by
 * {@code redis-cli --cluster create}. Node logs go to target/test-servers/redis-cluster-&lt;port&gt;.log.
 */
public final class RedisCluster implements AutoCloseable {

    private static final int NODES = 3;
    // A node's cluster bus listens on its port + 10000, which must still be a port.
    private static final int BUS_PORT_OFFSET = 10000;
    private static final int MAX_PORT = 55000;
    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Map<Integer, RedisServer> servers = new LinkedHashMap<>();
    private final Map<Integer, RedisFixtures> nodes = new LinkedHashMap<>();

    private RedisCluster(int seedPort) {
        try {
            Set<Integer> taken = new HashSet<>();
            if (seedPort > 0) {
                taken.add(seedPort);
                taken.add(seedPort + BUS_PORT_OFFSET);
            }
            for (int i = 0; i < NODES; i++) {
                int port = i == 0 && seedPort > 0 ? seedPort : nodePort(taken);
                // The cluster config file is relative to --dir, the node's temp dir, so close() deletes it.
                servers.put(port, RedisServer.start(RedisServer.binary("redis-server"), logName(port), port,
                        "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                        "--cluster-node-timeout", "5000"));
                nodes.put(port, new RedisFixtures("redis://127.0.0.1:" + port));
            }
            create();
            awaitStateOk();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public static RedisCluster start() {
        return new RedisCluster(0);
    }

    /** A cluster whose first node, the seed, listens on {@code seedPort} (from {@link #freeSeedPort()}): where a configured target expects it. */
    public static RedisCluster startWithSeed(int seedPort) {
        return new RedisCluster(seedPort);
    }

    /** A free port fit for a node: below the highest port by the cluster bus offset, its bus port free too. */
    public static int freeSeedPort() {
        return nodePort(new HashSet<>());
    }

    public List<Integer> ports() {
        return List.copyOf(servers.keySet());
    }

    public String seedUrl() {
        return "redis://127.0.0.1:" + ports().get(0);
    }

    /** Appends {@code count} entries to {@code stream} on the primary owning its slot. */
    public void addEntries(String stream, int count) {
        node(stream).addEntries(stream, count);
    }

    /** The primary owning {@code key}'s slot, to run commands on it. */
    public RedisFixtures node(String key) {
        return nodes.get(portOf(key));
    }

    /** The port of the primary owning {@code key}'s slot. */
    public int portOf(String key) {
        RedisFixtures any = nodes.values().iterator().next();
        int slot = any.call("CLUSTER", "KEYSLOT", key).toInteger();
        for (Response range : any.call("CLUSTER", "SLOTS")) {
            if (range.get(0).toInteger() <= slot && slot <= range.get(1).toInteger()) {
                return range.get(2).get(1).toInteger();
            }
        }
        throw new IllegalStateException("no node owns slot " + slot + " of " + key);
    }

    /**
     * Freezes (true) or thaws (false) the node on {@code port}: a primary that stops answering without
     * closing its sockets. After the cluster's node timeout (5 s) the others mark it failed.
     */
    public void freeze(int port, boolean frozen) {
        servers.get(port).freeze(frozen);
    }

    /** Whether {@code observer} sees the node on {@code port} as failed (the FAIL flag, not PFAIL). */
    public boolean seenFailed(int observer, int port) {
        return nodes.get(observer).call("CLUSTER", "NODES").toString().lines()
                .anyMatch(line -> line.contains("127.0.0.1:" + port + "@") && List.of(line.split(" ")[2].split(",")).contains("fail"));
    }

    /** Waits until every node serves all slots again (after a node came back). */
    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (nodes.keySet().stream().allMatch(port -> nodes.get(port).call("CLUSTER", "INFO").toString().contains("cluster_state:ok")
                    && ports().stream().noneMatch(other -> seenFailed(port, other)))) {
                return;
            }
            RedisServer.sleep(200);
        }
        throw new IllegalStateException("Redis Cluster not healthy within " + timeout);
    }

    private static int nodePort(Set<Integer> taken) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = FreePorts.next();
            int busPort = port + BUS_PORT_OFFSET;
            if (port < MAX_PORT && !taken.contains(port) && !taken.contains(busPort) && isFree(busPort)) {
                taken.add(port);
                taken.add(busPort);
                return port;
            }
        }
        throw new IllegalStateException("no free port below " + MAX_PORT + " with a free cluster bus port");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String logName(int port) {
        return "redis-cluster-" + port + ".log";
    }

    private void create() {
        Path log = ServerLogs.logFile("redis-cluster-create-" + ports().get(0) + ".log");
        List<String> command = new ArrayList<>(List.of(RedisServer.binary("redis-cli"), "--cluster", "create"));
        servers.keySet().forEach(port -> command.add("127.0.0.1:" + port));
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(CREATE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                ChildProcesses.stop(process, 5);
                throw new IllegalStateException("redis-cli --cluster create did not finish within " + CREATE_TIMEOUT
                        + ":\n" + ServerLogs.tail(log, 20));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed:\n" + ServerLogs.tail(log, 20));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run redis-cli", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // redis-cli returns once the nodes agree on the configuration; each still decides on its own
    // when it serves all slots.
    private void awaitStateOk() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (nodes.values().stream()
                    .allMatch(node -> node.call("CLUSTER", "INFO").toString().contains("cluster_state:ok"))) {
                return;
            }
            RedisServer.sleep(100);
        }
        StringBuilder logs = new StringBuilder();
        servers.keySet().forEach(port -> logs.append("\n--- ").append(logName(port)).append('\n')
                .append(ServerLogs.tail(ServerLogs.logFile(logName(port)), 10)));
        throw new IllegalStateException("Redis Cluster not cluster_state:ok within " + READY_TIMEOUT + ":" + logs);
    }

    @Override
    public void close() {
        nodes.values().forEach(RedisFixtures::close);
        servers.values().forEach(RedisServer::close);
    }
}
