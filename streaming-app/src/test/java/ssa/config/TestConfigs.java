package ssa.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** Builds configurations from HOCON snippets over reference.conf. */
public final class TestConfigs {
  public static Config with(String hocon) {
    return ConfigFactory.parseString(hocon)
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  public static JobSettings settings(String hocon) {
    return JobSettings.from(with(hocon));
  }

  private TestConfigs() {}
}
