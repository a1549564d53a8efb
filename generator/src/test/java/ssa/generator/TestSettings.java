package ssa.generator;

import com.typesafe.config.ConfigFactory;
import java.util.HashMap;
import java.util.Map;

/** Settings for tests: reference defaults with a few overrides, as the job's tests build them. */
final class TestSettings {
  private TestSettings() {}

  /** Alternating key, value pairs; keys are full paths such as {@link GeneratorKeys#RATE}. */
  static GeneratorSettings with(Object... keysAndValues) {
    Map<String, Object> overrides = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      overrides.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return GeneratorSettings.from(
        ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.defaultReference()));
  }
}
