package ssa.generator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The generator's settings, read once at start and range-checked, so a bad value fails before
 * anything is served and names the key at fault. Defaults live in {@code reference.conf} only.
 */
public final class GeneratorSettings {
  // Ids are written into JSON strings and CSV fields unescaped, so keep them to safe characters.
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_.:-]+");
  private static final String NOW = "now";

  private final int port;
  private final String bindAddress;
  private final long rate;
  private final long count;
  private final int keys;
  private final long seed;
  private final String generatorId;
  private final double outOfOrderFraction;
  private final Duration outOfOrderMaxDelay;
  private final double malformedFraction;
  private final EventFormat format;
  private final Optional<Instant> startTime;
  private final Duration reportInterval;
  private final Duration catchUp;
  private final Duration commandWait;
  private final Duration linger;

  private GeneratorSettings(Config c) {
    port = intIn(c, GeneratorKeys.PORT, 0, 65535);
    bindAddress = nonEmpty(c, GeneratorKeys.BIND_ADDRESS);
    rate = atLeast(c, GeneratorKeys.RATE, 0);
    count = atLeast(c, GeneratorKeys.COUNT, 0);
    keys = intIn(c, GeneratorKeys.KEYS, 1, Integer.MAX_VALUE);
    seed = c.getLong(GeneratorKeys.SEED);
    generatorId = safeId(c, GeneratorKeys.ID);
    outOfOrderFraction = fraction(c, GeneratorKeys.OUT_OF_ORDER_FRACTION);
    outOfOrderMaxDelay = atLeast(c, GeneratorKeys.OUT_OF_ORDER_MAX_DELAY, Duration.ofMillis(1));
    malformedFraction = fraction(c, GeneratorKeys.MALFORMED_FRACTION);
    format = EventFormat.parse(GeneratorKeys.FORMAT, c.getString(GeneratorKeys.FORMAT));
    startTime = instantOrNow(c, GeneratorKeys.START_TIME);
    reportInterval = atLeast(c, GeneratorKeys.REPORT_INTERVAL, Duration.ofMillis(1));
    catchUp = atLeast(c, GeneratorKeys.CATCH_UP, Duration.ofMillis(1));
    commandWait = atLeast(c, GeneratorKeys.COMMAND_WAIT, Duration.ofMillis(1));
    linger = atLeast(c, GeneratorKeys.LINGER, Duration.ZERO);
  }

  /**
   * Reads the {@code ssa.generator} block of a complete configuration (one that falls back to
   * {@code reference.conf}).
   *
   * @throws IllegalArgumentException naming the key, if a key is missing, of the wrong type or
   *     out of range
   */
  public static GeneratorSettings from(Config config) {
    try {
      Config resolved = config.resolve();
      resolved.checkValid(ConfigFactory.defaultReference(), GeneratorKeys.ROOT);
      return new GeneratorSettings(resolved);
    } catch (ConfigException e) {
      // One exception type for every bad setting, so callers report them all the same way.
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Settings from, highest precedence first: command-line options, JVM system properties,
   * {@code application.conf} (or {@code -Dconfig.file}), {@code reference.conf}, where the
   * {@code SSA_GENERATOR_*} environment variables replace the built-in defaults.
   */
  public static GeneratorSettings load(String... args) {
    return load(System.getenv(), args);
  }

  static GeneratorSettings load(Map<String, String> environment, String... args) {
    // An unset variable leaves its ${?...} key out, so only variables actually set override.
    Config env =
        ConfigFactory.parseResources(ENV_OVERRIDES)
            .resolveWith(ConfigFactory.parseMap(environment, "environment variables"));
    return from(CommandLine.parse(args).withFallback(env).withFallback(ConfigFactory.load()));
  }

  private static final String ENV_OVERRIDES = "ssa-generator-env.conf";

  /** TCP port to listen on; 0 picks a free one (see {@link Generator#port()}). */
  public int port() {
    return port;
  }

  public String bindAddress() {
    return bindAddress;
  }

  /** Target events per second; 0 means as fast as the clients read. */
  public long rate() {
    return rate;
  }

  /**
   * Events to serve: the live stream closes after them, pulled ranges are served until the
   * pulling clients are done (see {@link #linger()}); 0 means unbounded.
   */
  public long count() {
    return count;
  }

  /** Number of distinct api keys. */
  public int keys() {
    return keys;
  }

  public long seed() {
    return seed;
  }

  /** Prefix of every event id, so the ids of several generators never clash. */
  public String generatorId() {
    return generatorId;
  }

  public double outOfOrderFraction() {
    return outOfOrderFraction;
  }

  public Duration outOfOrderMaxDelay() {
    return outOfOrderMaxDelay;
  }

  public double malformedFraction() {
    return malformedFraction;
  }

  public EventFormat format() {
    return format;
  }

  /** Event time of the first event; empty means the wall-clock time the first client connected. */
  public Optional<Instant> startTime() {
    return startTime;
  }

  public Duration reportInterval() {
    return reportInterval;
  }

  /** The most schedule arrears the writer may burst through after falling behind. */
  public Duration catchUp() {
    return catchUp;
  }

  /** How long a new connection may take to send a pull command before it is served the live stream. */
  public Duration commandWait() {
    return commandWait;
  }

  /**
   * Once the last of {@code count} events was pulled, how long no range may be pulled before the
   * run is complete.
   */
  public Duration linger() {
    return linger;
  }

  @Override
  public String toString() {
    return "port="
        + port
        + ", bind-address="
        + bindAddress
        + ", rate="
        + rate
        + ", count="
        + count
        + ", linger="
        + linger
        + ", keys="
        + keys
        + ", seed="
        + seed
        + ", id="
        + generatorId
        + ", format="
        + format.configName()
        + ", out-of-order="
        + outOfOrderFraction
        + " up to "
        + outOfOrderMaxDelay
        + ", malformed="
        + malformedFraction
        + ", start-time="
        + startTime.map(Instant::toString).orElse(NOW);
  }

  private static int intIn(Config c, String key, int min, int max) {
    long value = c.getLong(key);
    if (value < min || value > max) {
      throw invalid(key, "must be in [" + min + ", " + max + "], was " + value);
    }
    return (int) value;
  }

  private static long atLeast(Config c, String key, long min) {
    long value = c.getLong(key);
    if (value < min) {
      throw invalid(key, "must be >= " + min + ", was " + value);
    }
    return value;
  }

  private static Duration atLeast(Config c, String key, Duration min) {
    Duration value = c.getDuration(key);
    if (value.compareTo(min) < 0) {
      throw invalid(key, "must be >= " + min.toMillis() + "ms, was " + value.toMillis() + "ms");
    }
    return value;
  }

  private static double fraction(Config c, String key) {
    double value = c.getDouble(key);
    // Written so that NaN fails too.
    if (!(value >= 0.0 && value <= 1.0)) {
      throw invalid(key, "must be in [0, 1], was " + value);
    }
    return value;
  }

  private static String nonEmpty(Config c, String key) {
    String value = c.getString(key).trim();
    if (value.isEmpty()) {
      throw invalid(key, "must not be empty");
    }
    return value;
  }

  private static String safeId(Config c, String key) {
    String value = c.getString(key);
    if (!SAFE_ID.matcher(value).matches()) {
      throw invalid(key, "must be letters, digits or any of _.:- only, was '" + value + "'");
    }
    return value;
  }

  private static Optional<Instant> instantOrNow(Config c, String key) {
    String value = c.getString(key).trim();
    if (value.equalsIgnoreCase(NOW)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      throw invalid(
          key, "must be 'now' or an ISO-8601 instant such as 2024-01-01T00:00:00Z, was '" + value
              + "'");
    }
  }

  private static IllegalArgumentException invalid(String key, String problem) {
    return new IllegalArgumentException(key + " " + problem);
  }
}
