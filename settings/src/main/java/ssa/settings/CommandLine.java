package ssa.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A program's command line: options that set a declared setting ({@code --rate 5000} or {@code
 * --rate=5000}), {@code --config FILE} and {@code --help}. Values stay text and are typed by the
 * setting, so a bad value is reported with its key like any other. An unknown option stops the
 * program, naming the nearest known one.
 */
public final class CommandLine {
  public static final String HELP = "--help";
  public static final String CONFIG = "--config";

  /** One option and the setting it sets. */
  public record Option(String name, Setting setting, String valueName, String description) {}

  /** What a command line said. */
  public record Parsed(Config settings, Optional<File> configFile, boolean help) {}

  private final List<Option> options;

  public CommandLine(List<Option> options) {
    this.options = List.copyOf(options);
  }

  public Parsed parse(String... args) {
    Map<String, String> values = new LinkedHashMap<>();
    Optional<File> configFile = Optional.empty();
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals(HELP)) {
        help = true;
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      Option option = name.equals(CONFIG) ? null : option(name);
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new SettingException(
            name, "needs a value " + (option == null ? "FILE" : option.valueName()));
      }
      if (option == null) {
        File file = new File(value);
        if (!file.isFile()) {
          throw new SettingException(CONFIG, "no such file: " + file);
        }
        configFile = Optional.of(file);
      } else {
        values.put(option.setting().key(), value);
      }
    }
    return new Parsed(ConfigFactory.parseMap(values, "command line"), configFile, help);
  }

  private Option option(String name) {
    List<String> names = new ArrayList<>(List.of(CONFIG, HELP));
    for (Option option : options) {
      if (option.name().equals(name)) {
        return option;
      }
      names.add(option.name());
    }
    String near = Suggestions.nearest(name, names);
    throw new SettingException(
        name,
        "is not an option (see "
            + HELP
            + ")"
            + (near == null ? "" : "; did you mean " + near + "?"));
  }

  /** The options, each with the setting it sets, for {@code --help}. */
  public String usage(String header) {
    StringBuilder usage = new StringBuilder(header);
    for (Option option : options) {
      String head = option.name() + " " + option.valueName();
      usage.append(
          String.format("  %-28s %s (%s)%n", head, option.description(), option.setting().key()));
    }
    usage.append(String.format("  %-28s %s%n", CONFIG + " FILE", "settings file (HOCON)"));
    return usage.append(String.format("  %-28s %s%n", HELP, "print this help")).toString();
  }
}
