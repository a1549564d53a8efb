package ssa.generator;

import static ssa.settings.ValueType.duration;
import static ssa.settings.ValueType.fraction;
import static ssa.settings.ValueType.intIn;
import static ssa.settings.ValueType.longAtLeast;
import static ssa.settings.ValueType.nonEmptyText;

import java.time.Duration;
import java.util.List;
import ssa.settings.Declaration;
import ssa.settings.Setting;
import ssa.settings.SettingsLoader;
import ssa.settings.ValueType;

/**
 * Every setting of the generator, declared once: path, type and range, environment variable.
 * reference.conf gives each its default and documentation; a test holds the two together.
 */
public enum GeneratorSetting implements Setting {
  PORT("port", intIn(0, 65535), "SSA_GENERATOR_PORT"),
  BIND_ADDRESS("bind-address", nonEmptyText(), "SSA_GENERATOR_BIND_ADDRESS"),
  RATE("rate", longAtLeast(0), "SSA_GENERATOR_RATE"),
  COUNT("count", longAtLeast(0), "SSA_GENERATOR_COUNT"),
  KEYS("keys", intIn(1, Integer.MAX_VALUE), "SSA_GENERATOR_KEYS"),
  CLIENTS("clients", intIn(1, 1_000_000), "SSA_GENERATOR_CLIENTS"),
  SEED("seed", ValueType.anyLong(), "SSA_GENERATOR_SEED"),
  ID("id", nonEmptyText(), "SSA_GENERATOR_ID"),
  FORMAT("format", ValueType.oneOf(EventFormat.configNames()), "SSA_GENERATOR_FORMAT"),
  OUT_OF_ORDER_FRACTION("out-of-order.fraction", fraction(), "SSA_GENERATOR_OUT_OF_ORDER_FRACTION"),
  OUT_OF_ORDER_MAX_DELAY(
      "out-of-order.max-delay",
      duration(Duration.ofMillis(1), false),
      "SSA_GENERATOR_OUT_OF_ORDER_MAX_DELAY"),
  MALFORMED_FRACTION("malformed.fraction", fraction(), "SSA_GENERATOR_MALFORMED_FRACTION"),
  START_TIME("start-time", nonEmptyText(), "SSA_GENERATOR_START_TIME"),
  REPORT_INTERVAL(
      "report-interval", duration(Duration.ofMillis(1), false), "SSA_GENERATOR_REPORT_INTERVAL"),
  CATCH_UP("catch-up", duration(Duration.ofMillis(1), false), "SSA_GENERATOR_CATCH_UP"),
  COMMAND_WAIT("command-wait", duration(Duration.ofMillis(1), false), "SSA_GENERATOR_COMMAND_WAIT"),
  LINGER("linger", duration(Duration.ZERO, false), "SSA_GENERATOR_LINGER");

  public static final String ROOT = "ssa.generator";

  /** Reads, layers and checks the generator's settings. */
  public static final SettingsLoader LOADER = new SettingsLoader(ROOT, List.of(values()));

  private final Declaration declaration;

  GeneratorSetting(String path, ValueType type, String env) {
    this.declaration = Declaration.under(ROOT, path, type, env);
  }

  @Override
  public Declaration declaration() {
    return declaration;
  }

  @Override
  public String toString() {
    return key();
  }
}
