package dev.streamfit.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;

import dev.streamfit.support.KafkaFixtures;
import dev.streamfit.support.KafkaFixtures.GroupCommandRow;

/**
 * The Kafka data set of issue 8: topics of 20 partitions with 20–50 small records each, and consumer
 * groups without members whose committed offsets cover all partitions of a few topics each — caught
 * up, a few behind, half way or at 0, a mix in every group. 250 topics and 500 groups of 5 topics
 * make 50,000 group-partitions. Nothing is ever deleted by retention, so every group-partition's lag
 * is known exactly: log end − committed offset. Both tools are checked against it.
 */
final class KafkaDataSet {

    private static final int MIN_RECORDS = 20;
    private static final int MAX_RECORDS = 50;
    /**
     * Topics per CreateTopics request: a few requests for hundreds of topics, each answered well
     * within the fixture's 30 s timeout even on a busy 2-core machine (500 partitions at 20 each).
     */
    private static final int TOPICS_PER_REQUEST = 25;

    /**
     * How many topics and groups, and how names start: the many-targets scenario gives each small
     * target a data set of its own prefix, which its {@code topics} and {@code groups} regexes select.
     */
    record Shape(String prefix, int topics, int partitions, int groups, int topicsPerGroup) {

        /** {@code -Dbench.topics}, {@code -Dbench.partitions}, {@code -Dbench.groups}, {@code -Dbench.topicsPerGroup}. */
        static Shape from(BenchOptions options, String prefix, int topics, int partitions, int groups, int topicsPerGroup) {
            Shape shape = new Shape(prefix, options.integer("bench.topics", topics, 1), options.integer("bench.partitions", partitions, 1),
                    options.integer("bench.groups", groups, 1), options.integer("bench.topicsPerGroup", topicsPerGroup, 1));
            if (shape.topicsPerGroup() > shape.topics()) {
                throw new IllegalArgumentException("-Dbench.topicsPerGroup must not exceed -Dbench.topics");
            }
            return shape;
        }

        String topic(int t) {
            return String.format(Locale.ROOT, "%stopic-%03d", prefix, t);
        }

        String group(int g) {
            return String.format(Locale.ROOT, "%sgroup-%03d", prefix, g);
        }

        /** The topics group {@code g} committed on: consecutive, wrapping around, so that every topic has groups. */
        int topicOf(int g, int j) {
            return (g * topicsPerGroup + j) % topics;
        }

        int groupPartitions() {
            return groups * topicsPerGroup * partitions;
        }

        String describe() {
            return String.format(Locale.ROOT, "%,d topics `%stopic-<i>` × %d partitions (%,d partitions, replication factor 1), "
                    + "%d–%d records of a few bytes per partition; %,d consumer groups `%sgroup-<i>` without members, each with "
                    + "committed offsets on all partitions of %d topics (%,d group-partitions): caught up, 1–5 behind, half way or at 0, "
                    + "a mix in every group", topics, prefix, partitions, topics * partitions, MIN_RECORDS, MAX_RECORDS, groups, prefix,
                    topicsPerGroup, groupPartitions());
        }

        /** Records in one partition: 20–50, varying over topics and partitions. */
        long logEnd(int topic, int partition) {
            return MIN_RECORDS + Math.floorMod(topic * 31 + partition * 7, MAX_RECORDS - MIN_RECORDS + 1);
        }

        long committed(int group, int topic, int partition) {
            long logEnd = logEnd(topic, partition);
            return switch (Math.floorMod(group + topic + partition, 4)) {
                case 0 -> logEnd;
                case 1 -> Math.max(0, logEnd - 1 - partition % 5);
                case 2 -> logEnd / 2;
                default -> 0;
            };
        }

        /** Every group-partition ("group|topic|partition") and its lag. */
        Map<String, Long> expectedLags() {
            Map<String, Long> lags = new HashMap<>();
            for (int g = 0; g < groups; g++) {
                for (int j = 0; j < topicsPerGroup; j++) {
                    int t = topicOf(g, j);
                    for (int p = 0; p < partitions; p++) {
                        lags.put(group(g) + "|" + topic(t) + "|" + p, logEnd(t, p) - committed(g, t, p));
                    }
                }
            }
            return lags;
        }
    }

    private KafkaDataSet() {
    }

    /** Creates the topics, produces the records and commits the offsets; returns the seconds it took. */
    static double load(KafkaFixtures kafka, Shape shape) {
        long start = System.nanoTime();
        for (int from = 0; from < shape.topics(); from += TOPICS_PER_REQUEST) {
            List<String> names = new ArrayList<>();
            for (int t = from; t < Math.min(shape.topics(), from + TOPICS_PER_REQUEST); t++) {
                names.add(shape.topic(t));
            }
            kafka.createTopics(names, shape.partitions());
        }
        for (int t = 0; t < shape.topics(); t++) {
            Map<TopicPartition, Integer> counts = new HashMap<>();
            for (int p = 0; p < shape.partitions(); p++) {
                counts.put(new TopicPartition(shape.topic(t), p), (int) shape.logEnd(t, p));
            }
            kafka.produce(counts);
        }
        for (int g = 0; g < shape.groups(); g++) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (int j = 0; j < shape.topicsPerGroup(); j++) {
                int t = shape.topicOf(g, j);
                for (int p = 0; p < shape.partitions(); p++) {
                    offsets.put(new TopicPartition(shape.topic(t), p), shape.committed(g, t, p));
                }
            }
            kafka.commit(shape.group(g), offsets);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Fails the run unless the service's {@code GET /api/v1/kafka/<target>/groups} shows every
     * group-partition of the data set with its exact lag.
     */
    static String checkServiceView(JsonNode groups, Shape shape) {
        Map<String, Long> shown = new HashMap<>();
        for (JsonNode group : groups) {
            for (JsonNode p : group.path("partitions")) {
                shown.put(group.path("group").asText() + "|" + p.path("topic").asText() + "|" + p.path("partition").asInt(),
                        p.path("lag").isNumber() ? p.path("lag").asLong() : null);
            }
        }
        compare(shape, shown, "the service");
        return String.format(Locale.ROOT, "`GET /api/v1/kafka/<target>/groups` showed all %,d group-partitions with their exact lag",
                shape.groupPartitions());
    }

    /** The same for {@code kafka-consumer-groups --describe --all-groups}: its rows and their LAG column. */
    static void checkCommandRows(List<GroupCommandRow> rows, Shape shape) {
        Map<String, Long> shown = new HashMap<>();
        rows.forEach(row -> shown.put(row.group() + "|" + row.topic() + "|" + row.partition(), row.lag()));
        compare(shape, shown, "kafka-consumer-groups");
    }

    private static void compare(Shape shape, Map<String, Long> shown, String tool) {
        Map<String, Long> expected = shape.expectedLags();
        List<String> wrong = new ArrayList<>();
        expected.forEach((key, lag) -> {
            if (!lag.equals(shown.get(key))) {
                wrong.add(key + ": " + tool + " " + shown.get(key) + ", loaded " + lag);
            }
        });
        long unexpected = shown.keySet().stream().filter(key -> key.startsWith(shape.prefix()) && !expected.containsKey(key)).count();
        if (!wrong.isEmpty() || unexpected > 0) {
            throw new IllegalStateException(tool + " does not show the data set: " + wrong.size() + " of " + expected.size()
                    + " group-partitions wrong or missing, " + unexpected + " not loaded; e.g. " + wrong.stream().limit(5).toList());
        }
    }
}
