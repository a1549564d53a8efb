package ssa.generator;

import com.typesafe.config.Config;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import ssa.settings.CommandLine;
import ssa.settings.SettingException;
import ssa.settings.Settings;

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
  private final int clients;
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

  private GeneratorSettings(Settings s) {
    port = s.intValue(GeneratorSetting.PORT);
    bindAddress = s.string(GeneratorSetting.BIND_ADDRESS);
    rate = s.longValue(GeneratorSetting.RATE);
    count = s.longValue(GeneratorSetting.COUNT);
    keys = s.intValue(GeneratorSetting.KEYS);
    clients = s.intValue(GeneratorSetting.CLIENTS);
    seed = s.longValue(GeneratorSetting.SEED);
    generatorId = safeId(s, GeneratorSetting.ID);
    outOfOrderFraction = s.doubleValue(GeneratorSetting.OUT_OF_ORDER_FRACTION);
    outOfOrderMaxDelay = s.duration(GeneratorSetting.OUT_OF_ORDER_MAX_DELAY);
    malformedFraction = s.doubleValue(GeneratorSetting.MALFORMED_FRACTION);
    format = EventFormat.byConfigName(s.string(GeneratorSetting.FORMAT));
    startTime = instantOrNow(s, GeneratorSetting.START_TIME);
    reportInterval = s.duration(GeneratorSetting.REPORT_INTERVAL);
    catchUp = s.duration(GeneratorSetting.CATCH_UP);
    commandWait = s.duration(GeneratorSetting.COMMAND_WAIT);
    linger = s.duration(GeneratorSetting.LINGER);
  }

  /**
   * Reads the {@code ssa.generator} block of a complete configuration (one that falls back to
   * {@code reference.conf}).
   *
   * @throws SettingException naming the key, if a key is unknown, missing, of the wrong type or out
   *     of range
   */
  public static GeneratorSettings from(Config config) {
    return new GeneratorSettings(GeneratorSetting.LOADER.check(config.resolve()));
  }

  /**
   * Settings from, highest precedence first: command-line options, the {@code SSA_GENERATOR_*}
   * environment variables, JVM system properties, the file given with {@code --config} (else {@code
   * application.conf}), {@code reference.conf}.
   */
  public static GeneratorSettings load(String... args) {
    return load(System.getenv(), System.getProperties(), args);
  }

  static GeneratorSettings load(
      Map<String, String> environment, Properties systemProperties, String... args) {
    CommandLine.Parsed parsed = GeneratorCommandLine.OPTIONS.parse(args);
    return new GeneratorSettings(
        GeneratorSetting.LOADER.load(
            parsed.settings(), environment, systemProperties, parsed.configFile()));
  }

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
   * Events to serve: the live stream closes after them, pulled ranges are served until the pulling
   * clients are done (see {@link #linger()}); 0 means unbounded.
   */
  public long count() {
    return count;
  }

  /** Number of distinct api keys. */
  public int keys() {
    return keys;
  }

  /**
   * Number of distinct values of the events' {@code client} field per key: client-00 upwards, the
   * same names under every key. Not the TCP clients the generator serves.
   */
  public int clients() {
    return clients;
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

  /**
   * How long a new connection may take to send a pull command before it is served the live stream.
   */
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
        + ", clients="
        + clients
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

  private static String safeId(Settings s, GeneratorSetting setting) {
    String value = s.string(setting);
    if (!SAFE_ID.matcher(value).matches()) {
      throw new SettingException(
          setting, "must be letters, digits or any of _.:- only, was '" + value + "'");
    }
    return value;
  }

  private static Optional<Instant> instantOrNow(Settings s, GeneratorSetting setting) {
    String value = s.string(setting);
    if (value.equalsIgnoreCase(NOW)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      throw new SettingException(
          setting,
          "must be 'now' or an ISO-8601 instant such as 2024-01-01T00:00:00Z, was '" + value + "'");
    }
  }
}
