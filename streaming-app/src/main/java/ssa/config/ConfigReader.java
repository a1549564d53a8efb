package ssa.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Reads values with range checks, so a bad value fails at start with the key's name rather than
 * deep inside a running batch.
 */
final class ConfigReader {
  private final Config config;

  ConfigReader(Config config) {
    this.config = config;
  }

  String string(String key) {
    String value = config.getString(key).trim();
    if (value.isEmpty()) {
      throw invalid(key, "must not be empty");
    }
    return value;
  }

  String stringOrEmpty(String key) {
    return config.getString(key).trim();
  }

  String oneOf(String key, Set<String> allowed) {
    String value = string(key);
    if (!allowed.contains(value)) {
      throw invalid(key, "must be one of " + allowed + ", was '" + value + "'");
    }
    return value;
  }

  int intIn(String key, int min, int max) {
    int value = config.getInt(key);
    if (value < min || value > max) {
      throw invalid(key, "must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  Duration positiveDuration(String key) {
    Duration value = config.getDuration(key);
    if (value.isNegative() || value.isZero()) {
      throw invalid(key, "must be a positive duration, was " + value);
    }
    return value;
  }

  Duration nonNegativeDuration(String key) {
    Duration value = config.getDuration(key);
    if (value.isNegative()) {
      throw invalid(key, "must not be negative, was " + value);
    }
    return value;
  }

  List<String> strings(String key) {
    return config.getStringList(key);
  }

  List<? extends Config> configs(String key) {
    return config.getConfigList(key);
  }

  static ConfigException.BadValue invalid(String key, String problem) {
    return new ConfigException.BadValue(key, problem);
  }
}
