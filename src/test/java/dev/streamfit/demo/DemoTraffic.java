package dev.streamfit.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.streamfit.support.KafkaBroker;
import dev.streamfit.support.KafkaFixtures;
import dev.streamfit.support.RedisFixtures;
import io.vertx.redis.client.Response;

/**
 * The four workloads of the demo, each built to earn one verdict (SPEC, "Verdicts"), with light
 * traffic kept flowing. The advisor decides from what it observes, so the names, rates, groups and
 * retention below are the point:
 * <ul>
 * <li>Redis stream {@code orders} has outgrown Redis: never trimmed while persistence is on, three
 *     active groups, entries older than 24 h.</li>
 * <li>Redis stream {@code cache-invalidations} fits Redis: capped with {@code MAXLEN ~ 1000}, one group.</li>
 * <li>Kafka topic {@code notifications} is overbuilt: 24 partitions for 2 records/s, one group at the
 *     tail, 1 h retention.</li>
 * <li>Kafka topic {@code payments} fits Kafka: three groups, 7 days retention.</li>
 * </ul>
 * Writes only to the Redis and the broker the demo (or the dashboards' end-to-end test) started.
 */
public final class DemoTraffic implements AutoCloseable {

    /** A workload, its consumer groups and the verdict it is built to earn. */
    record Workload(String system, String name, List<String> groups, String builtToBe) {
    }

    static final String ORDERS = "orders";
    static final String CACHE_INVALIDATIONS = "cache-invalidations";
    static final String NOTIFICATIONS = "notifications";
    static final String PAYMENTS = "payments";

    static final List<String> ORDERS_GROUPS = List.of("billing", "shipping", "analytics");
    static final String CACHE_GROUP = "invalidator";
    static final String NOTIFICATIONS_GROUP = "notifier";
    static final List<String> PAYMENTS_GROUPS = List.of("ledger", "fraud", "reporting");

    static final List<Workload> WORKLOADS = List.of(
            new Workload("redis", ORDERS, ORDERS_GROUPS, "OUTGROWN_REDIS"),
            new Workload("redis", CACHE_INVALIDATIONS, List.of(CACHE_GROUP), "FITS"),
            new Workload("kafka", NOTIFICATIONS, List.of(NOTIFICATIONS_GROUP), "OVERBUILT_KAFKA"),
            new Workload("kafka", PAYMENTS, PAYMENTS_GROUPS, "FITS"));

    /** Older orders, with explicit IDs spread over this much history: the oldest entry is older than 24 h. */
    static final int ORDERS_PRELOAD = 20_000;
    static final Duration ORDERS_HISTORY = Duration.ofHours(30);
    /** Invalidations of the last minutes, written with the cap, so the stream has been trimmed before StreamFit looks. */
    static final int CACHE_PRELOAD = 1_500;
    static final Duration CACHE_HISTORY = Duration.ofMinutes(5);
    static final int CACHE_MAXLEN = 1_000;
    static final int PIPELINE_CHUNK = 1_000;

    /** Every tick: 10 orders, 1 notification, 5 payments (20/s, 2/s, 10/s). */
    static final Duration TICK = Duration.ofMillis(500);
    /** Every second: 5 invalidations. */
    static final int INVALIDATIONS_PER_SECOND = 5;
    /** How often each Redis group reads what is new and acknowledges it. */
    static final Duration REDIS_READ_EVERY = Duration.ofSeconds(2);

    private final RedisFixtures redis;
    private final KafkaFixtures kafka;
    private final String bootstrapServers;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "demo-traffic"));
    private final List<GroupConsumer> consumers = new ArrayList<>();
    private final Set<String> reportedFailures = ConcurrentHashMap.newKeySet();
    private KafkaProducer<String, String> producer;
    private volatile boolean closing;
    private long orderSeq;
    private long invalidationSeq;
    private long notificationSeq;
    private long paymentSeq;

    private DemoTraffic(String redisUrl, KafkaBroker broker) {
        this.redis = new RedisFixtures(redisUrl);
        this.kafka = new KafkaFixtures(broker);
        this.bootstrapServers = broker.bootstrapServers();
    }

    /** Loads the four workloads, joins their consumers and starts the traffic. */
    public static DemoTraffic start(String redisUrl, KafkaBroker broker) {
        DemoTraffic traffic = new DemoTraffic(redisUrl, broker);
        try {
            traffic.loadRedis();
            traffic.loadKafka();
            traffic.startTraffic();
            return traffic;
        } catch (RuntimeException e) {
            traffic.close();
            throw e;
        }
    }

    /** One line per workload: what was loaded and what keeps flowing. */
    List<String> describe() {
        return List.of(
                String.format("redis stream %-20s %,d older entries over the last %d h, never trimmed, ~20 entries/s of ~200 B, groups %s",
                        ORDERS, ORDERS_PRELOAD, ORDERS_HISTORY.toHours(), String.join(", ", ORDERS_GROUPS)),
                String.format("redis stream %-20s MAXLEN ~ %,d, ~%d entries/s, group %s",
                        CACHE_INVALIDATIONS, CACHE_MAXLEN, INVALIDATIONS_PER_SECOND, CACHE_GROUP),
                String.format("kafka topic  %-20s 24 partitions, retention 1 h, ~2 records/s of ~300 B, group %s at the tail",
                        NOTIFICATIONS, NOTIFICATIONS_GROUP),
                String.format("kafka topic  %-20s 3 partitions, retention 7 d, ~10 records/s, groups %s",
                        PAYMENTS, String.join(", ", PAYMENTS_GROUPS)));
    }

    private void loadRedis() {
        // Older orders with explicit, increasing IDs <ms>-0; the newest still lies before any ID XADD * makes now.
        long historyMs = ORDERS_HISTORY.toMillis();
        long first = System.currentTimeMillis() - historyMs;
        pipelined(ORDERS_PRELOAD, i -> orderEntry((first + i * historyMs / ORDERS_PRELOAD) + "-0"));
        for (String group : ORDERS_GROUPS) {
            redis.createGroup(ORDERS, group, "$");
        }

        long cacheMs = CACHE_HISTORY.toMillis();
        long cacheFirst = System.currentTimeMillis() - cacheMs;
        pipelined(CACHE_PRELOAD, i -> invalidationEntry((cacheFirst + i * cacheMs / CACHE_PRELOAD) + "-0"));
        redis.createGroup(CACHE_INVALIDATIONS, CACHE_GROUP, "$");
    }

    private void pipelined(int count, LongFunction<Object[]> entry) {
        for (int start = 0; start < count; start += PIPELINE_CHUNK) {
            List<Object[]> commands = new ArrayList<>(PIPELINE_CHUNK);
            for (int i = start; i < Math.min(count, start + PIPELINE_CHUNK); i++) {
                commands.add(entry.apply(i));
            }
            redis.batch(commands);
        }
    }

    private Object[] orderEntry(String id) {
        long n = orderSeq++;
        return new Object[] {"XADD", ORDERS, id, "order", "o-" + n, "customer", "c-" + (n % 997), "amount",
                String.valueOf(10 + n % 490), "payload", filler("order " + n, 150)};
    }

    private Object[] invalidationEntry(String id) {
        long n = invalidationSeq++;
        return new Object[] {"XADD", CACHE_INVALIDATIONS, "MAXLEN", "~", CACHE_MAXLEN, id,
                "key", "product:" + (n % 5000), "reason", "price-changed"};
    }

    private void loadKafka() {
        kafka.createTopic(NOTIFICATIONS, 24, Map.of("retention.ms", "3600000"));
        kafka.createTopic(PAYMENTS, 3, Map.of("retention.ms", "604800000"));
        // Consumers join before anything is written, from "latest": they consume at the tail, never from far behind.
        consumers.add(new GroupConsumer(NOTIFICATIONS_GROUP, NOTIFICATIONS));
        for (String group : PAYMENTS_GROUPS) {
            consumers.add(new GroupConsumer(group, PAYMENTS));
        }
        for (GroupConsumer consumer : consumers) {
            consumer.awaitAssignment(Duration.ofSeconds(60));
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "streamfit-demo-producer");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        producer = new KafkaProducer<>(props);
    }

    private void startTraffic() {
        scheduleGuarded("write", TICK, this::writeTick);
        scheduleGuarded("write " + CACHE_INVALIDATIONS, Duration.ofSeconds(1), () -> pipelined(INVALIDATIONS_PER_SECOND,
                i -> invalidationEntry("*")));
        scheduleGuarded("read", REDIS_READ_EVERY, () -> {
            for (String group : ORDERS_GROUPS) {
                readAndAck(ORDERS, group);
            }
            readAndAck(CACHE_INVALIDATIONS, CACHE_GROUP);
        });
    }

    private void writeTick() {
        pipelined(10, i -> orderEntry("*"));
        long n = notificationSeq++;
        producer.send(new ProducerRecord<>(NOTIFICATIONS, "user-" + (n % 1000), filler("notification " + n, 300)));
        for (int i = 0; i < 5; i++) {
            long p = paymentSeq++;
            producer.send(new ProducerRecord<>(PAYMENTS, "account-" + (p % 500), filler("payment " + p, 200)));
        }
    }

    /** XREADGROUP what is new for the group, then XACK it all: the group's last-delivered-id advances, nothing stays pending. */
    private void readAndAck(String stream, String group) {
        Response reply = redis.call("XREADGROUP", "GROUP", group, group + "-1", "COUNT", 1000, "STREAMS", stream, ">");
        if (reply == null || reply.size() == 0) {
            return;
        }
        Response entries = reply.get(0).get(1);
        if (entries.size() == 0) {
            return;
        }
        Object[] ack = new Object[3 + entries.size()];
        ack[0] = "XACK";
        ack[1] = stream;
        ack[2] = group;
        for (int i = 0; i < entries.size(); i++) {
            ack[3 + i] = entries.get(i).get(0).toString();
        }
        redis.call(ack);
    }

    private void scheduleGuarded(String name, Duration every, Runnable task) {
        scheduler.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // A failing task keeps its schedule; it is reported once, and not at all while stopping.
                if (!closing && reportedFailures.add(name)) {
                    System.err.println("demo: traffic task '" + name + "' failed (reported once): " + e.getMessage());
                }
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A readable payload of exactly {@code bytes} ASCII characters. */
    static String filler(String head, int bytes) {
        StringBuilder text = new StringBuilder(bytes).append(head).append(' ');
        String words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor ";
        while (text.length() < bytes) {
            text.append(words);
        }
        text.setLength(bytes);
        return text.toString();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        closing = true;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumers.forEach(GroupConsumer::close);
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        kafka.close();
        redis.close();
    }

    /** A real consumer of one group: polls continuously and commits automatically, as a service would. */
    private final class GroupConsumer {

        private final String group;
        private final Thread thread;
        private final CountDownLatch assigned = new CountDownLatch(1);
        private final KafkaConsumer<String, String> consumer;

        GroupConsumer(String group, String topic) {
            this.group = group;
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamfit-demo-" + group);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");
            props.put(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, "1000");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            this.consumer = new KafkaConsumer<>(props);
            consumer.subscribe(List.of(topic));
            this.thread = daemon(this::run, "demo-consumer-" + group);
            thread.start();
        }

        private void run() {
            try {
                while (!closing) {
                    consumer.poll(Duration.ofMillis(500));
                    if (assigned.getCount() > 0 && !consumer.assignment().isEmpty()) {
                        assigned.countDown();
                    }
                }
            } catch (WakeupException e) {
                // close() woke it up
            } catch (RuntimeException e) {
                if (!closing) {
                    System.err.println("demo: consumer of group " + group + " stopped: " + e.getMessage());
                }
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }

        void awaitAssignment(Duration timeout) {
            try {
                if (!assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("consumer of group " + group + " got no partitions within " + timeout);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void close() {
            consumer.wakeup();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
