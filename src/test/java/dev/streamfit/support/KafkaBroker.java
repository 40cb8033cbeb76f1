package dev.streamfit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka 4.1 broker in KRaft mode (broker and controller in one process), run
 * in a child JVM from the test classpath on ports of our own. Log under target/test-servers/.
 */
public final class KafkaBroker implements AutoCloseable {

    private final int port;
    private final int controllerPort;
    private final Path dir;
    private final Path log;
    private final Process process;

    private KafkaBroker(Map<String, String> extraProperties) {
        this.port = FreePorts.next();
        this.controllerPort = FreePorts.next();
        this.dir = ServerLogs.tempDir("streamfit-kafka-");
        this.log = ServerLogs.logFile("kafka-" + port + ".log");
        Path config;
        try {
            config = writeConfig(extraProperties);
            String clusterId = Uuid.randomUuid().toString();
            JavaProcess.run("256m", "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted");
        } catch (RuntimeException e) {
            ServerLogs.deleteRecursively(dir); // a start that fails leaves no temp dir behind
            throw e;
        }
        this.process = JavaProcess.start(log, "768m", "kafka.Kafka", config.toString());
        awaitReady(Duration.ofSeconds(60));
    }

    public static KafkaBroker start() {
        return new KafkaBroker(Map.of());
    }

    public static KafkaBroker start(Map<String, String> extraProperties) {
        return new KafkaBroker(extraProperties);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Freezes (true) or thaws (false) the broker process: a broker that stops answering without closing its sockets. */
    public void freeze(boolean frozen) {
        try {
            int exit = new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", String.valueOf(process.pid())).start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "streamfit-test-fixtures"));
    }

    private Path writeConfig(Map<String, String> extraProperties) {
        StringBuilder props = new StringBuilder();
        props.append("process.roles=broker,controller\n")
                .append("node.id=1\n")
                .append("controller.quorum.voters=1@127.0.0.1:").append(controllerPort).append('\n')
                .append("listeners=PLAINTEXT://127.0.0.1:").append(port).append(",CONTROLLER://127.0.0.1:").append(controllerPort).append('\n')
                .append("advertised.listeners=PLAINTEXT://127.0.0.1:").append(port).append('\n')
                .append("controller.listener.names=CONTROLLER\n")
                .append("inter.broker.listener.name=PLAINTEXT\n")
                .append("listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT\n")
                .append("log.dirs=").append(dir.resolve("data")).append('\n')
                .append("num.partitions=1\n")
                .append("auto.create.topics.enable=false\n")
                .append("offsets.topic.replication.factor=1\n")
                .append("offsets.topic.num.partitions=4\n")
                .append("transaction.state.log.replication.factor=1\n")
                .append("transaction.state.log.min.isr=1\n")
                .append("group.initial.rebalance.delay.ms=0\n")
                .append("log.retention.check.interval.ms=2000\n")
                .append("log.segment.delete.delay.ms=1000\n");
        extraProperties.forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        Path file = dir.resolve("server.properties");
        try {
            Files.writeString(file, props);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    close();
                    throw new IllegalStateException("Kafka broker exited:\n" + ServerLogs.tail(log, 40));
                }
                try {
                    if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    // not up yet
                }
                RedisServer.sleep(200);
            }
        }
        close();
        throw new IllegalStateException("Kafka broker did not come up within " + timeout + ":\n" + ServerLogs.tail(log, 40));
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, 20);
        ServerLogs.deleteRecursively(dir);
    }
}
