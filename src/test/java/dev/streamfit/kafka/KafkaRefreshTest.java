package dev.streamfit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Each topic's configs and oldest record's time are read again every {@code CONFIG_REFRESH_POLLS}th
 * poll, a share of the topics per poll: asking all 5,000 partitions for their oldest record on one
 * poll made that poll the slowest, at times slower than the interval.
 */
class KafkaRefreshTest {

    private static final int EVERY = KafkaCollector.CONFIG_REFRESH_POLLS;

    @Test
    void eachTopicIsDueOnceInEveryRunOfPolls() {
        for (int t = 0; t < 1_000; t++) {
            String topic = t % 2 == 0 ? "bench-topic-" + t : "orders.v" + t + " ünïcode";
            for (int start = 0; start < 3 * EVERY; start += 7) {
                int due = 0;
                for (int poll = start; poll < start + EVERY; poll++) {
                    due += new KafkaCollector.Refresh(poll).due(topic) ? 1 : 0;
                }
                assertEquals(1, due, topic + " in polls " + start + "…" + (start + EVERY - 1));
            }
        }
    }

    @Test
    void theTopicsAreSpreadOverThePolls() {
        // The benchmark's 250 topics: no poll takes much more than its tenth.
        int topics = 250;
        for (int poll = 0; poll < EVERY; poll++) {
            int due = 0;
            for (int t = 0; t < topics; t++) {
                due += new KafkaCollector.Refresh(poll).due("bench-topic-" + t) ? 1 : 0;
            }
            assertTrue(due <= 2 * topics / EVERY, "poll " + poll + " re-reads " + due + " of " + topics + " topics");
        }
    }
}
