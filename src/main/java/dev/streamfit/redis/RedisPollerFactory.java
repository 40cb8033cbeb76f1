package dev.streamfit.redis;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.poll.TargetPoller;
import dev.streamfit.poll.TargetPollerFactory;
import io.vertx.mutiny.core.Vertx;

/** One {@link RedisTargetPoller} per {@code streamfit.redis.<name>}. */
@ApplicationScoped
public class RedisPollerFactory implements TargetPollerFactory {

    @Inject
    Vertx vertx;
    @Inject
    StreamFitConfig config;

    @Override
    public List<TargetPoller> createPollers() {
        return config.redis().entrySet().stream()
                .<TargetPoller>map(e -> new RedisTargetPoller(vertx, e.getKey(), e.getValue(), config.effectivePollTimeout()))
                .toList();
    }
}
