package dev.streamfit.config;

import java.util.List;

/**
 * Checks of keys whose meaning belongs to a later stage (a rule id, a webhook's signing key): that
 * stage implements this as a bean, and {@link ConfigValidator} lists its problems with all the others,
 * so start-up still stops once, naming every bad key.
 */
public interface ConfigCheck {

    List<ConfigValidator.Problem> problems(StreamFitConfig config);
}
