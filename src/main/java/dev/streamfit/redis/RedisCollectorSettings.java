package dev.streamfit.redis;

import dev.streamfit.config.StreamFitConfig;

/** What one Redis target's collector is asked to collect, from {@code streamfit.redis.<name>.*}. */
public record RedisCollectorSettings(String streamsGlob, int memorySamples, int maxStreams, int pipelineBatch) {

    /** SCAN COUNT: keys Redis examines per call; large enough for few round trips, small enough not to block. */
    static final int SCAN_COUNT = 1000;

    public static RedisCollectorSettings of(StreamFitConfig.RedisTarget target) {
        return new RedisCollectorSettings(target.streams(), target.memorySamples(), target.maxStreams(), target.pipelineBatch());
    }
}
