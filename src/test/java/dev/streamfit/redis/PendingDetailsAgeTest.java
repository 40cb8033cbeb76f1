package dev.streamfit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Pending details are read again after 30 to 60 s per group, spread by name: the groups that one
 * poll read together must not all come due on one later poll (at 10,000 streams × 3 groups that
 * poll sent 60,000 more commands and outlasted a 2 s interval once a minute).
 */
class PendingDetailsAgeTest {

    private static final long MAX_AGE = StreamFacts.PENDING_DETAILS_MAX_AGE_MILLIS;

    @Test
    void everyGroupIsReadAgainWithinTheMaximumAgeAndNoSoonerThanHalfOfIt() {
        for (int s = 0; s < 2_000; s++) {
            for (String group : new String[] {"g1", "g2", "billing", "", "ünïcode", "a b"}) {
                long age = StreamFacts.pendingDetailsMaxAge(RedisName.of("orders:" + s), RedisName.of(group));
                assertTrue(age >= MAX_AGE / 2 && age < MAX_AGE, "age " + age + " of orders:" + s + "/" + group);
            }
        }
        assertEquals(StreamFacts.pendingDetailsMaxAge(RedisName.of("orders"), RedisName.of("g")),
                StreamFacts.pendingDetailsMaxAge(RedisName.of("orders"), RedisName.of("g")), "the same group, the same age: no poll-to-poll jitter");
    }

    @Test
    void groupsReadOnOnePollComeDueOverManyLaterPolls() {
        // The benchmark's names: 10,000 streams × 3 groups, first read together, polled every 2 s.
        int pollMillis = 2_000;
        int[] duePerPoll = new int[(int) (MAX_AGE / pollMillis) + 1];
        int groups = 0;
        for (int s = 0; s < 10_000; s++) {
            for (int g = 1; g <= 3; g++) {
                long age = StreamFacts.pendingDetailsMaxAge(RedisName.of("bench:stream:" + s), RedisName.of("g" + g));
                // Reused while younger than the age: read again on the first poll at or after it.
                duePerPoll[(int) ((age + pollMillis - 1) / pollMillis)]++;
                groups++;
            }
        }
        int busiest = 0;
        for (int count : duePerPoll) {
            busiest = Math.max(busiest, count);
        }
        int spreadOver = (int) (MAX_AGE / 2 / pollMillis);
        assertTrue(busiest <= 2 * groups / spreadOver,
                "the busiest poll re-reads " + busiest + " of " + groups + " groups; spread evenly it would be " + groups / spreadOver);
    }
}
