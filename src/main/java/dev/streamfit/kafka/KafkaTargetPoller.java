package dev.streamfit.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaFuture;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.poll.SystemKind;
import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.TargetPoller;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Polls one Kafka cluster through its own AdminClient, created on the first poll that can create
 * it (an unresolvable bootstrap host is a down target, retried every poll, not a start-up crash)
 * and reused after that.
 */
public class KafkaTargetPoller implements TargetPoller {

    private final TargetId id;
    private final Properties clientProperties;
    private final int timeoutMillis;
    private final AtomicReference<Admin> admin = new AtomicReference<>();

    KafkaTargetPoller(String name, StreamFitConfig.KafkaTarget target, Duration timeout) {
        this.id = new TargetId(SystemKind.KAFKA, name);
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        this.clientProperties = clientProperties(name, target, timeoutMillis);
    }

    static Properties clientProperties(String name, StreamFitConfig.KafkaTarget target, int timeoutMillis) {
        Properties props = new Properties();
        props.putAll(target.properties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "streamfit-" + name);
        // Calls must give up within one poll so that the next poll starts clean.
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMillis));
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMillis));
        // A down cluster is retried every poll; no need to hammer it in between.
        props.putIfAbsent(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10000");
        return props;
    }

    @Override
    public TargetId id() {
        return id;
    }

    @Override
    public Uni<KafkaClusterSnapshot> poll() {
        return admin().chain(client -> {
            DescribeClusterResult cluster = client.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMillis));
            return Uni.combine().all().unis(toUni(cluster.clusterId()), toUni(cluster.nodes())).asTuple()
                    .map(t -> new KafkaClusterSnapshot(id, Instant.now(), t.getItem1(), t.getItem2().size(), List.of()));
        });
    }

    /** Creating the client resolves the bootstrap hosts, which may block: done off the event loop. */
    private Uni<Admin> admin() {
        Admin existing = admin.get();
        if (existing != null) {
            return Uni.createFrom().item(existing);
        }
        return Uni.createFrom().item(() -> admin.updateAndGet(current -> current != null ? current : Admin.create(clientProperties)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    static <T> Uni<T> toUni(KafkaFuture<T> future) {
        return Uni.createFrom().completionStage(future.toCompletionStage());
    }

    @Override
    public void close() {
        Admin client = admin.getAndSet(null);
        if (client != null) {
            client.close(Duration.ofSeconds(5));
        }
    }
}
