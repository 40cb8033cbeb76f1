package dev.streamfit.kafka;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

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
    private final KafkaCollector collector;
    private final AtomicReference<Admin> admin = new AtomicReference<>();

    public KafkaTargetPoller(String name, StreamFitConfig.KafkaTarget target, Duration timeout) {
        this.id = new TargetId(SystemKind.KAFKA, name);
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        this.clientProperties = clientProperties(name, target, timeoutMillis);
        this.collector = new KafkaCollector(target.topics(), target.groups(), timeoutMillis);
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
        // describeConsumerGroups asks with the new ConsumerGroupDescribe API first and, for a classic
        // group, learns from the answer to ask again with DescribeGroups — after retry.backoff.ms
        // (default 100 ms): a fixed ~105 ms per poll with any classic group. The back-off still grows
        // exponentially up to retry.backoff.max.ms for calls that keep failing.
        props.putIfAbsent(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "5");
        return props;
    }

    @Override
    public TargetId id() {
        return id;
    }

    @Override
    public Uni<KafkaTargetSnapshot> poll() {
        return admin().chain(client -> collector.collect(client, id));
    }

    /** Requests this target's AdminClient has sent since it was created (its own request-total metric); 0 before. */
    public long requestsSent() {
        Admin client = admin.get();
        if (client == null) {
            return 0;
        }
        return client.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("request-total") && e.getKey().group().equals("admin-client-metrics"))
                .mapToLong(e -> ((Number) e.getValue().metricValue()).longValue()).sum();
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

    @Override
    public void close() {
        Admin client = admin.getAndSet(null);
        if (client != null) {
            client.close(Duration.ofSeconds(5));
        }
    }
}
