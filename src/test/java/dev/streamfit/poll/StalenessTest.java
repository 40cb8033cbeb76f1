package dev.streamfit.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How a poll with gaps merges what it saw with what the previous poll knew: unknown keeps the
 * previous knowledge, marked stale; only a successful listing without a workload removes it.
 */
class StalenessTest {

    /** A workload as some poll saw it; {@code figure} stands for everything the poll measured. */
    record Seen(String name, long figure, String staleReason) implements Staleness<Seen> {
        static Seen fresh(String name, long figure) {
            return new Seen(name, figure, null);
        }

        @Override
        public Seen stale(String reason) {
            return new Seen(name, figure, reason);
        }
    }

    @Test
    void aWorkloadTheFailedListingCouldNotShowIsKeptWithItsPreviousFiguresMarkedStale() {
        List<Seen> previous = List.of(Seen.fresh("orders", 10), Seen.fresh("payments", 20));
        List<Seen> known = Staleness.keep(List.of(), previous, Seen::name, s -> "listTopics failed: timed out");
        assertEquals(List.of(new Seen("orders", 10, "listTopics failed: timed out"), new Seen("payments", 20, "listTopics failed: timed out")),
                known);
        assertTrue(known.get(0).stale());
    }

    @Test
    void onlyASuccessfulListingWithoutTheWorkloadRemovesIt() {
        List<Seen> previous = List.of(Seen.fresh("orders", 10), Seen.fresh("deleted", 5), Seen.fresh("undescribed", 7));
        Map<String, String> undescribed = Map.of("undescribed", "Describe on Topic failed: timed out");
        List<Seen> known = Staleness.keep(List.of(Seen.fresh("orders", 11)), previous, Seen::name, s -> undescribed.get(s.name()));
        assertEquals(List.of(Seen.fresh("orders", 11), new Seen("undescribed", 7, "Describe on Topic failed: timed out")), known,
                "observed figures win; the listed-but-undescribed one is kept stale; the one a listing no longer has is gone");
    }

    @Test
    void aWorkloadStaleForSeveralPollsKeepsItsLastObservedFiguresWithTheLatestReason() {
        List<Seen> first = Staleness.keep(List.of(), List.of(Seen.fresh("orders", 10)), Seen::name, s -> "shard a:1 did not answer");
        List<Seen> second = Staleness.keep(List.of(), first, Seen::name, s -> "shard a:1 is marked failed");
        assertEquals(List.of(new Seen("orders", 10, "shard a:1 is marked failed")), second);
        List<Seen> back = Staleness.keep(List.of(Seen.fresh("orders", 12)), second, Seen::name, s -> null);
        assertFalse(back.get(0).stale(), "observed again: fresh");
        assertNull(back.get(0).staleReason());
    }

    @Test
    void theResultIsSortedByNameLikeEverySnapshot() {
        List<Seen> known = Staleness.keep(List.of(Seen.fresh("b", 1), Seen.fresh("d", 1)), List.of(Seen.fresh("c", 1), Seen.fresh("a", 1)),
                Seen::name, s -> "gap");
        assertEquals(List.of("a", "b", "c", "d"), known.stream().map(Seen::name).toList());
        assertEquals(Map.of("a", "gap", "c", "gap"), Staleness.reasons(known, Seen::name));
    }

    @Test
    void theApiShowsStaleAndTheReason() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals("{\"name\":\"orders\",\"figure\":10,\"staleReason\":\"listGroups failed\",\"stale\":true}",
                json.writeValueAsString(new Seen("orders", 10, "listGroups failed")));
        assertEquals("{\"name\":\"orders\",\"figure\":10,\"staleReason\":null,\"stale\":false}", json.writeValueAsString(Seen.fresh("orders", 10)));
    }
}
