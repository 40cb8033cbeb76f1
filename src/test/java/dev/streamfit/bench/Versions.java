package dev.streamfit.bench;

import java.util.List;

import org.apache.kafka.common.utils.AppInfoParser;

import dev.streamfit.support.RedisFixtures;

/** The versions a report names: of StreamFit (the commit it was built from) and of the servers and tools it ran against. */
final class Versions {

    private Versions() {
    }

    /** "StreamFit at 7ce19f5 (branch bench)", with "+ uncommitted changes" when the tree differs from that commit. */
    static String streamFit() {
        String commit = Machine.commandOutput(List.of("git", "rev-parse", "--short", "HEAD"), 10).strip();
        String branch = Machine.commandOutput(List.of("git", "rev-parse", "--abbrev-ref", "HEAD"), 10).strip();
        boolean dirty = !Machine.commandOutput(List.of("git", "status", "--porcelain", "--untracked-files=no"), 10).isBlank();
        return "StreamFit at " + (commit.isEmpty() ? "an unknown commit" : commit + " (branch " + branch + ")")
                + (dirty ? " + uncommitted changes" : "");
    }

    static String redisServer(String url) {
        try (RedisFixtures redis = new RedisFixtures(url)) {
            for (String line : redis.call("INFO", "server").toString().split("\r?\n")) {
                if (line.startsWith("redis_version:")) {
                    return "redis-server " + line.substring("redis_version:".length()).strip();
                }
            }
        }
        return "redis-server (unknown version)";
    }

    /** Broker, clients and kafka-consumer-groups all come from the same Kafka artifacts of the test classpath. */
    static String kafka() {
        return "Kafka " + AppInfoParser.getVersion();
    }
}
