package dev.streamfit.support;

import java.util.Map;

import dev.streamfit.config.StreamFitConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The {@code streamfit.*} mapping built from properties the way Quarkus builds it, defaults included. */
public final class TestConfig {

    private TestConfig() {
    }

    public static StreamFitConfig load(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withMapping(StreamFitConfig.class)
                .withConverter(java.time.Duration.class, 100, new DurationConverter())
                .build();
        return config.getConfigMapping(StreamFitConfig.class);
    }
}
