/**
 * Configuration: reads every {@code streamfit.*} key into {@link dev.streamfit.config.StreamFitConfig}
 * and stops start-up naming each bad key ({@link dev.streamfit.config.ConfigValidator}); masks secrets
 * in everything StreamFit prints ({@link dev.streamfit.config.SecretRedactor}).
 * Reads: the Quarkus configuration. Produces: validated settings for every later stage.
 */
package dev.streamfit.config;
