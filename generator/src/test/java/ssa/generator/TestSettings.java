package ssa.generator;

import com.typesafe.config.ConfigFactory;
import java.util.HashMap;
import java.util.Map;

/** Settings for tests: reference defaults with a few overrides, as the job's tests build them. */
final class TestSettings {
  private TestSettings() {}

  /** The text of the generator's reference.conf, comments included. */
  static String referenceText() {
    try (var in = TestSettings.class.getResourceAsStream("/reference.conf")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Alternating key, value pairs; keys are full paths such as {@code GeneratorSetting.RATE.key()}.
   */
  static GeneratorSettings with(Object... keysAndValues) {
    Map<String, Object> overrides = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      overrides.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return GeneratorSettings.from(
        ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.defaultReference()));
  }
}
