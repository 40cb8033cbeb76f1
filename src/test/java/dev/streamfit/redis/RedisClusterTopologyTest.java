package dev.streamfit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * CLUSTER NODES, the fallback for servers before Redis 7 (the real cluster test covers CLUSTER
 * SHARDS): primaries only, failed and address-less nodes skipped, bus port and hostname cut off; a
 * failed primary that still holds slots reported apart.
 */
class RedisClusterTopologyTest {

    @Test
    void primariesFromClusterNodes() {
        String nodes = String.join("\n",
                "07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:30004@31004,host-4 slave e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 0 1426238317239 4 connected",
                "67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 127.0.0.1:30002@31002 master - 0 1426238316232 2 connected 5461-10922",
                "292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f 127.0.0.1:30003@31003 master - 0 1426238318243 3 connected 10923-16383",
                "6ec23923021cf3ffec47632106199cb7f496ce01 127.0.0.1:30005@31005 master,fail - 0 1426238316232 5 connected",
                "824fe116063bc5fcf9f4ffd895bc17aee7731ac3 :0@0 master,noaddr - 0 1426238316232 6 disconnected",
                "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30001@31001 myself,master - 0 0 1 connected 0-5460",
                "");
        assertEquals(List.of("127.0.0.1:30001", "127.0.0.1:30002", "127.0.0.1:30003"), RedisClusterTopology.primariesFromNodes(nodes));
        assertEquals(List.of(), RedisClusterTopology.failedPrimariesFromNodes(nodes), "a failed primary without slots was taken over");
    }

    @Test
    void aFailedPrimaryStillHoldingSlotsIsReportedApart() {
        String nodes = String.join("\n",
                "67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 127.0.0.1:30002@31002 master,fail - 1426238316232 1426238316232 2 disconnected 5461-10922",
                "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30001@31001 myself,master - 0 0 1 connected 0-5460 10923-16383",
                "");
        assertEquals(List.of("127.0.0.1:30001"), RedisClusterTopology.primariesFromNodes(nodes));
        assertEquals(List.of("127.0.0.1:30002"), RedisClusterTopology.failedPrimariesFromNodes(nodes),
                "nobody serves its slots: its streams are unknown, not gone");
    }
}
