package ssa.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Merges a program's settings from every layer, highest first: command line, environment variables,
 * JVM system properties ({@code -Dssa.job.trigger-interval=1s}), the config file (the one given,
 * else {@code application.conf}), {@code reference.conf}. Then refuses any key under the program's
 * root that is not declared, naming the closest one that is, and checks every declared value, so a
 * typo or a bad value stops the program at start.
 */
public final class SettingsLoader {
  private final String root;
  private final List<? extends Setting> declared;

  /**
   * @param declared every setting under {@code root}, typically an enum's values
   */
  public SettingsLoader(String root, List<? extends Setting> declared) {
    this.root = root;
    this.declared = List.copyOf(declared);
  }

  /** Every layer, for a program's main. */
  public Settings load(Config commandLine, Optional<File> configFile) {
    return load(commandLine, System.getenv(), System.getProperties(), configFile);
  }

  public Settings load(
      Config commandLine,
      Map<String, String> environment,
      Properties systemProperties,
      Optional<File> configFile) {
    Config file;
    try {
      file =
          configFile
              .map(
                  f ->
                      ConfigFactory.parseFile(
                          f, ConfigParseOptions.defaults().setAllowMissing(false)))
              .orElseGet(ConfigFactory::defaultApplication);
    } catch (ConfigException e) {
      throw new SettingException(
          configFile.map(File::getPath).orElse("application.conf"),
          "cannot be read: " + e.getMessage(),
          e);
    }
    Config merged =
        commandLine
            .withFallback(environment(environment))
            .withFallback(systemProperties(systemProperties))
            .withFallback(file)
            .withFallback(ConfigFactory.defaultReference());
    try {
      return check(merged.resolve());
    } catch (ConfigException.UnresolvedSubstitution e) {
      throw new SettingException(root, "cannot be resolved: " + e.getMessage(), e);
    }
  }

  /** The declared settings that have their environment variable set, as a layer. */
  Config environment(Map<String, String> environment) {
    Config layer = ConfigFactory.empty();
    for (Setting setting : declared) {
      String value = setting.env() == null ? null : environment.get(setting.env());
      if (value != null) {
        layer =
            layer.withValue(
                setting.key(),
                ConfigValueFactory.fromAnyRef(value, "environment variable " + setting.env()));
      }
    }
    return layer;
  }

  private Config systemProperties(Properties properties) {
    Config all =
        ConfigFactory.parseProperties(
            properties, ConfigParseOptions.defaults().setOriginDescription("system properties"));
    return all.hasPathOrNull(root) ? all.withOnlyPath(root) : ConfigFactory.empty();
  }

  /** Refuses undeclared keys, then reads every declared value once. */
  public Settings check(Config resolved) {
    if (resolved.hasPath(root)) {
      for (Map.Entry<String, ConfigValue> entry : resolved.getConfig(root).entrySet()) {
        String key = root + "." + entry.getKey();
        if (!isDeclared(key)) {
          String closest = closest(key);
          throw new SettingException(
              key,
              "is not a setting of "
                  + root
                  + " ("
                  + entry.getValue().origin().description()
                  + ")"
                  + (closest == null ? "" : "; did you mean " + closest + "?"));
        }
      }
    }
    for (Setting setting : declared) {
      setting.type().read(resolved, setting.key());
    }
    return new Settings(resolved);
  }

  private boolean isDeclared(String key) {
    for (Setting setting : declared) {
      if (setting.key().equals(key)
          || (setting.type().opaque() && key.startsWith(setting.key() + "."))) {
        return true;
      }
    }
    return false;
  }

  /** The declared key nearest to a misspelt one, or null when none is near. */
  String closest(String key) {
    String last = lastSegment(key);
    for (Setting setting : declared) {
      if (lastSegment(setting.key()).equals(last)) {
        return setting.key();
      }
    }
    return Suggestions.nearest(key, declared.stream().map(Setting::key).toList());
  }

  private static String lastSegment(String key) {
    return key.substring(key.lastIndexOf('.') + 1);
  }
}
