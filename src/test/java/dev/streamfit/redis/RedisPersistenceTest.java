package dev.streamfit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.streamfit.support.FreePorts;
import dev.streamfit.support.RedisFixtures;
import dev.streamfit.support.RedisServer;
import dev.streamfit.support.TestRedisTarget;
import io.vertx.mutiny.core.Vertx;

/**
 * Persistence as real servers report it (SPEC: durability): on when AOF is on or an RDB save
 * happened since start, off only when proven (AOF off and CONFIG GET save answers ""), otherwise
 * unknown — a default Redis 7 before its first save is not "without persistence".
 */
class RedisPersistenceTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.closeAndAwait();
    }

    private static RedisInstanceSnapshot server(String url) {
        RedisTargetSnapshot snapshot = TestRedisTarget.of(url).pollOnce(vertx);
        assertTrue(snapshot.problems().isEmpty(), "no problem reported: " + snapshot.problems());
        return snapshot.instances().get(0);
    }

    @Test
    void noSavePointsAndAofOffIsProvenOff() {
        try (RedisServer redis = RedisServer.start()) { // --save "" --appendonly no
            RedisInstanceSnapshot s = server(redis.url());
            assertEquals("", s.rdbSavePoints());
            assertEquals(Boolean.FALSE, s.persistent());
        }
    }

    @Test
    void savePointsButNoSaveYetIsUnknownAndASaveMakesItOn() {
        try (RedisServer redis = RedisServer.startOn(FreePorts.next(), "--save", "3600 1");
                RedisFixtures fixtures = new RedisFixtures(redis.url())) {
            assertNull(server(redis.url()).persistent(), "a default Redis 7 before its first save: unknown, not off");
            fixtures.call("SAVE");
            assertEquals(Boolean.TRUE, server(redis.url()).persistent(), "an RDB save since start");
        }
    }

    @Test
    void aofOnIsOn() {
        try (RedisServer redis = RedisServer.startOn(FreePorts.next(), "--appendonly", "yes")) {
            assertEquals(Boolean.TRUE, server(redis.url()).persistent());
        }
    }

    @Test
    void aReadOnlyUserThatCannotReadTheSaveSettingLeavesItUnknownWithoutAFinding() {
        try (RedisServer redis = RedisServer.start(); RedisFixtures fixtures = new RedisFixtures(redis.url())) {
            fixtures.call("ACL", "SETUSER", "watcher", "on", ">watch-pw", "~*", "&*", "-@all", "+@read", "+@connection", "+info");
            RedisInstanceSnapshot s = server("redis://watcher:watch-pw@127.0.0.1:" + redis.port());
            assertNull(s.rdbSavePoints());
            assertNull(s.persistent(), "AOF off and no save since start, but the save setting is not readable: unknown");
        }
    }

    @Test
    void withConfigGetGrantedTheSameUserProvesItOff() {
        try (RedisServer redis = RedisServer.start(); RedisFixtures fixtures = new RedisFixtures(redis.url())) {
            fixtures.call("ACL", "SETUSER", "watcher", "on", ">watch-pw", "~*", "&*", "-@all", "+@read", "+@connection", "+info",
                    "+config|get");
            assertEquals(Boolean.FALSE, server("redis://watcher:watch-pw@127.0.0.1:" + redis.port()).persistent());
        }
    }
}
