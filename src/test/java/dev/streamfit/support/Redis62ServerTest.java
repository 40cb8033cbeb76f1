package dev.streamfit.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.vertx.redis.client.Response;

/** It is Redis 6.2, with the gaps StreamFit must cope with on old servers. */
class Redis62ServerTest {

    @Test
    void isRedis62WithoutLagInXinfoGroups() {
        try (Redis62Server server = Redis62Server.start(); RedisFixtures redis = new RedisFixtures(server.url())) {
            String info = redis.call("INFO", "server").toString();
            assertTrue(Pattern.compile("redis_version:6\\.2\\.\\d+").matcher(info).find(), info);

            redis.addEntries("orders", 3);
            redis.createGroup("orders", "billing", "0");
            Response group = redis.call("XINFO", "GROUPS", "orders").get(0);
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < group.size(); i += 2) {
                fields.add(group.get(i).toString());
            }
            assertTrue(fields.contains("pending"), fields.toString());
            assertFalse(fields.contains("lag"), fields.toString());
        }
    }
}
