package dev.streamfit.support;

import java.util.Map;

import dev.streamfit.config.StreamFitConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;

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

    /**
     * The mapping as the deployed service builds it from a YAML config file (QUARKUS_CONFIG_LOCATIONS)
     * and its environment: ${VARIABLE} expressions expanded, environment variables taking precedence,
     * unknown keys under streamfit.* refused.
     */
    public static StreamFitConfig loadAsDeployed(String applicationYaml, Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new YamlConfigSource("application.yaml", applicationYaml, 255))
                .withSources(new EnvConfigSource(environment, 300))
                .withMapping(StreamFitConfig.class)
                .withValidateUnknown(true)
                .withConverter(java.time.Duration.class, 100, new DurationConverter())
                .build();
        return config.getConfigMapping(StreamFitConfig.class);
    }
}
