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

    /** SASL/PLAIN users of a broker started with ACLs: a super user and a user that only gets the ACLs a test grants. */
    public static final String WATCHER = "watcher", WATCHER_PASSWORD = "watcher-pw";

    private final int port;
    /** A SASL_PLAINTEXT listener with ACLs enforced, or 0; the PLAINTEXT listener stays the fixtures' super-user door. */
    private final int saslPort;
    private final int controllerPort;
    private final Path dir;
    private final Path log;
    private final Process process;

    private KafkaBroker(Map<String, String> extraProperties, int saslPort) {
        this.port = FreePorts.next();
        this.saslPort = saslPort;
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
        return new KafkaBroker(Map.of(), 0);
    }

    public static KafkaBroker start(Map<String, String> extraProperties) {
        return new KafkaBroker(extraProperties, 0);
    }

    /**
     * A broker that enforces ACLs (StandardAuthorizer, nothing allowed without an ACL) on a
     * SASL/PLAIN listener where {@link #WATCHER} logs in; the PLAINTEXT listener's anonymous user is
     * a super user, so fixtures and {@link #admin()} can create topics and grant ACLs.
     */
    public static KafkaBroker startWithAcls() {
        return startWithAclsOn(FreePorts.next());
    }

    /** The same, with its SASL listener on {@code saslPort}: where a configured target expects it. */
    public static KafkaBroker startWithAclsOn(int saslPort) {
        return new KafkaBroker(Map.of(), saslPort);
    }

    /** The SASL listener of a broker started with ACLs. */
    public String saslBootstrapServers() {
        return "127.0.0.1:" + saslPort;
    }

    /** AdminClient properties for {@link #WATCHER} on the SASL listener. */
    public Map<String, String> watcherProperties() {
        return watcherLogin();
    }

    /** The AdminClient properties with which {@link #WATCHER} logs in on a SASL listener. */
    public static Map<String, String> watcherLogin() {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + WATCHER
                        + "\" password=\"" + WATCHER_PASSWORD + "\";");
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Freezes (true) or thaws (false) the broker process: a broker that stops answering without closing its sockets. */
    public void freeze(boolean frozen) {
        ChildProcesses.freeze(process, frozen);
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
                .append("controller.listener.names=CONTROLLER\n")
                .append("inter.broker.listener.name=PLAINTEXT\n");
        if (saslPort == 0) {
            props.append("listeners=PLAINTEXT://127.0.0.1:").append(port).append(",CONTROLLER://127.0.0.1:").append(controllerPort).append('\n')
                    .append("advertised.listeners=PLAINTEXT://127.0.0.1:").append(port).append('\n')
                    .append("listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT\n");
        } else {
            props.append("listeners=PLAINTEXT://127.0.0.1:").append(port).append(",SASL_PLAINTEXT://127.0.0.1:").append(saslPort)
                    .append(",CONTROLLER://127.0.0.1:").append(controllerPort).append('\n')
                    .append("advertised.listeners=PLAINTEXT://127.0.0.1:").append(port).append(",SASL_PLAINTEXT://127.0.0.1:").append(saslPort).append('\n')
                    .append("listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT\n")
                    .append("sasl.enabled.mechanisms=PLAIN\n")
                    .append("listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required ")
                    .append("user_").append(WATCHER).append("=\"").append(WATCHER_PASSWORD).append("\";\n")
                    .append("authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer\n")
                    .append("super.users=User:ANONYMOUS\n")
                    .append("allow.everyone.if.no.acl.found=false\n");
        }
        props
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
