package dev.streamfit.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Builds the Kafka states the tests assert on: topics, records, committed group offsets; and runs
 * Kafka's own kafka-consumer-groups (ConsumerGroupCommand) to compare with. Writes only to test brokers.
 */
public final class KafkaFixtures implements AutoCloseable {

    /** One row of {@code kafka-consumer-groups --describe}; {@code null} where it prints "-". */
    public record GroupCommandRow(String group, String topic, int partition, Long currentOffset, Long logEndOffset, Long lag) {
    }

    private final KafkaBroker broker;
    private final Admin admin;
    private KafkaProducer<byte[], byte[]> producer;

    public KafkaFixtures(KafkaBroker broker) {
        this.broker = broker;
        this.admin = broker.admin();
    }

    public Admin admin() {
        return admin;
    }

    public void createTopic(String name, int partitions, Map<String, String> configs) {
        await(admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all());
    }

    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** Creates topics of the same shape in one request: thousands of partitions in seconds, not minutes. */
    public void createTopics(List<String> names, int partitions) {
        await(admin.createTopics(names.stream().map(name -> new NewTopic(name, partitions, (short) 1)).toList()).all());
    }

    /** Appends {@code count} records to one partition and waits until they are acknowledged. */
    public void produce(String topic, int partition, int count) {
        produce(Map.of(new TopicPartition(topic, partition), count));
    }

    /**
     * Appends the given number of records to each partition and waits until all are acknowledged:
     * one flush for many partitions. Fails if any record was not written, so that the log ends are
     * exactly what was asked for.
     */
    public void produce(Map<TopicPartition, Integer> counts) {
        KafkaProducer<byte[], byte[]> p = producer();
        List<Future<?>> sent = new ArrayList<>();
        counts.forEach((tp, count) -> {
            for (int i = 0; i < count; i++) {
                // Keyed, each record its own key: a compacted topic refuses records without a key and would keep one per key.
                sent.add(p.send(new ProducerRecord<>(tp.topic(), tp.partition(), ("key-" + i).getBytes(), ("event-" + i).getBytes())));
            }
        });
        p.flush();
        for (Future<?> record : sent) {
            try {
                record.get();
            } catch (Exception e) {
                throw new IllegalStateException("Kafka fixture record not written: " + e.getMessage(), e);
            }
        }
    }

    /** Commits offsets for a group that has no members, as a stopped consumer leaves them. */
    public void commit(String group, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> committed = new java.util.HashMap<>();
        offsets.forEach((tp, offset) -> committed.put(tp, new OffsetAndMetadata(offset)));
        // Right after createTopic the group coordinator may not know the topic yet (seen on a loaded
        // machine): UnknownTopicOrPartition is retried for a while, any other error is not.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.alterConsumerGroupOffsets(group, committed).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka fixture call failed: " + e.getMessage(), e);
                }
            } catch (Exception e) {
                throw new IllegalStateException("Kafka fixture call failed: " + e.getMessage(), e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A consumer that joined {@code group} and owns the partitions of {@code topic} but never
     * commits; the group stays alive while the returned handle is open.
     */
    public AutoCloseable joinedConsumer(String group, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topic));
        long deadline = System.currentTimeMillis() + 30_000;
        while (consumer.assignment().isEmpty() && System.currentTimeMillis() < deadline) {
            consumer.poll(java.time.Duration.ofMillis(200));
        }
        if (consumer.assignment().isEmpty()) {
            consumer.close();
            throw new IllegalStateException("consumer of " + group + " got no partitions of " + topic);
        }
        return consumer::close;
    }

    /**
     * Appends one record to the partition every 300 ms until the returned handle is closed: a log end
     * that keeps advancing, as under a live producer.
     */
    public AutoCloseable producing(String topic, int partition) {
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread producer = new Thread(() -> {
            while (running.get()) {
                produce(topic, partition, 1);
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fixture-producer-" + topic);
        producer.start();
        return () -> {
            running.set(false);
            producer.join();
        };
    }

    /** Runs {@code kafka-consumer-groups --describe} for one group, or every group when none is named. */
    public List<GroupCommandRow> describeGroups(Optional<String> group) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", broker.bootstrapServers(), "--describe"));
        if (group.isPresent()) {
            args.addAll(List.of("--group", group.get()));
        } else {
            args.add("--all-groups");
        }
        String output = JavaProcess.run("256m", "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand",
                args.toArray(String[]::new));
        return parseDescribe(output);
    }

    /** The rows of {@code kafka-consumer-groups --describe} output; headers, notices and log lines skipped. */
    public static List<GroupCommandRow> parseDescribe(String output) {
        List<GroupCommandRow> rows = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            // Rows only: the child JVM may also print log lines.
            if (cols.length < 6 || cols[0].equals("GROUP") || !cols[2].matches("\\d+")
                    || !(cols[3] + " " + cols[4] + " " + cols[5]).matches("(-|\\d+) (-|\\d+) (-|\\d+)")) {
                continue;
            }
            rows.add(new GroupCommandRow(cols[0], cols[1], Integer.parseInt(cols[2]), number(cols[3]), number(cols[4]), number(cols[5])));
        }
        return rows;
    }

    private static Long number(String text) {
        return text.equals("-") ? null : Long.valueOf(text);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka fixture call failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
        admin.close();
    }
}
