package ssa.settings;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;

/** The checked values of declared settings, typed as their {@link ValueType} reads them. */
public final class Settings {
  private final Config config;

  Settings(Config config) {
    this.config = config;
  }

  public String string(Setting setting) {
    return (String) setting.type().read(config, setting.key());
  }

  public int intValue(Setting setting) {
    return (Integer) setting.type().read(config, setting.key());
  }

  public long longValue(Setting setting) {
    return (Long) setting.type().read(config, setting.key());
  }

  public double doubleValue(Setting setting) {
    return (Double) setting.type().read(config, setting.key());
  }

  public boolean bool(Setting setting) {
    return (Boolean) setting.type().read(config, setting.key());
  }

  public Duration duration(Setting setting) {
    return (Duration) setting.type().read(config, setting.key());
  }

  @SuppressWarnings("unchecked")
  public List<String> strings(Setting setting) {
    return (List<String>) setting.type().read(config, setting.key());
  }

  @SuppressWarnings("unchecked")
  public List<? extends Config> configs(Setting setting) {
    return (List<? extends Config>) setting.type().read(config, setting.key());
  }

  public Config object(Setting setting) {
    return (Config) setting.type().read(config, setting.key());
  }
}
