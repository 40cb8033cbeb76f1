package dev.streamfit.bench;

import java.util.ArrayList;
import java.util.List;

import dev.streamfit.support.RedisServer;

/** Many redis-server processes of their own, each on a free port (a few MB each), started and stopped together. */
final class RedisFleet implements AutoCloseable {

    private final List<RedisServer> servers = new ArrayList<>();

    static RedisFleet start(int count) {
        RedisFleet fleet = new RedisFleet();
        try {
            for (int i = 0; i < count; i++) {
                fleet.servers.add(RedisServer.start());
            }
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    List<RedisServer> servers() {
        return servers;
    }

    @Override
    public void close() {
        servers.forEach(RedisServer::close);
    }
}
