package dev.streamfit.kafka;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.poll.TargetPoller;
import dev.streamfit.poll.TargetPollerFactory;

/** One {@link KafkaTargetPoller} per {@code streamfit.kafka.<name>}. */
@ApplicationScoped
public class KafkaPollerFactory implements TargetPollerFactory {

    @Inject
    StreamFitConfig config;

    @Override
    public List<TargetPoller> createPollers() {
        return config.kafka().entrySet().stream()
                .<TargetPoller>map(e -> new KafkaTargetPoller(e.getKey(), e.getValue(), config.effectivePollTimeout()))
                .toList();
    }
}
