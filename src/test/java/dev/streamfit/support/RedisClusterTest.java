package dev.streamfit.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The cluster is real: three primaries that split the streams between them by key slot. */
class RedisClusterTest {

    @Test
    void streamsLandOnThePrimariesOwningTheirSlots() {
        List<String> streams = List.of("a", "b", "c", "d", "e", "f");
        try (RedisCluster cluster = RedisCluster.start()) {
            streams.forEach(stream -> cluster.addEntries(stream, 3));

            int keys = 0;
            int nodesWithKeys = 0;
            for (int port : cluster.ports()) {
                try (RedisFixtures node = new RedisFixtures("redis://127.0.0.1:" + port)) {
                    int size = node.call("DBSIZE").toInteger();
                    keys += size;
                    nodesWithKeys += size > 0 ? 1 : 0;
                }
            }
            assertEquals(streams.size(), keys);
            assertTrue(nodesWithKeys >= 2, "streams spread over " + nodesWithKeys + " node(s)");
            try (RedisFixtures seed = new RedisFixtures(cluster.seedUrl())) {
                assertTrue(seed.call("CLUSTER", "INFO").toString().contains("cluster_size:3"));
            }
        }
    }
}
