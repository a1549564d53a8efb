package ssa.generator;

/**
 * Computes event n from (seed, n) and the settings alone, in O(1): a test can compute exactly what
 * was served, and any range of the stream can be regenerated.
 */
public final class EventFactory {
  private static final String KEY_PREFIX = "/api/v1/res-";
  private static final int MIN_KEY_DIGITS = 3;
  private static final String CLIENT_PREFIX = "client-";
  private static final int MIN_CLIENT_DIGITS = 2;

  // The shape of the data is part of the event model, not a setting: the job's tests rely on it.
  // Status: 5% server errors (500 or 503), 10% not found, 10% created, the rest OK.
  private static final double P_500 = 0.03;
  private static final double P_5XX = 0.05;
  private static final double P_404 = 0.15;
  private static final double P_201 = 0.25;
  // Latency: lognormal with a median of 20 ms and a long right tail, as response times have.
  private static final double LATENCY_LOG_MEDIAN = Math.log(20.0);
  private static final double LATENCY_LOG_SIGMA = 0.75;
  private static final double MIN_LATENCY_MS = 0.001;

  // One stream per field, so each field is independent of how the others are drawn.
  private final RandomStream keyDraw;
  private final RandomStream statusDraw;
  private final RandomStream latencyDrawA;
  private final RandomStream latencyDrawB;
  private final RandomStream lateDraw;
  private final RandomStream delayDraw;
  private final RandomStream malformedDraw;
  private final RandomStream damageDraw;
  private final RandomStream clientDraw;

  private final String idPrefix;
  private final int keys;
  private final int keyDigits;
  private final int clients;
  private final int clientDigits;
  private final long rate;
  private final long startMillis;
  private final double outOfOrderFraction;
  private final long maxDelayMillis;
  private final double malformedFraction;
  private final LineFormat format;

  /**
   * @param startMillis event time of event 0, in epoch milliseconds
   */
  public EventFactory(GeneratorSettings settings, long startMillis) {
    long seed = settings.seed();
    keyDraw = new RandomStream(seed, 1);
    statusDraw = new RandomStream(seed, 2);
    latencyDrawA = new RandomStream(seed, 3);
    latencyDrawB = new RandomStream(seed, 4);
    lateDraw = new RandomStream(seed, 5);
    delayDraw = new RandomStream(seed, 6);
    malformedDraw = new RandomStream(seed, 7);
    damageDraw = new RandomStream(seed, 8);
    // A stream of its own, added last: every other field of event n is what it was without it.
    clientDraw = new RandomStream(seed, 9);

    idPrefix = settings.generatorId() + "-";
    keys = settings.keys();
    keyDigits = Math.max(MIN_KEY_DIGITS, Integer.toString(keys - 1).length());
    clients = settings.clients();
    clientDigits = Math.max(MIN_CLIENT_DIGITS, Integer.toString(clients - 1).length());
    rate = settings.rate();
    this.startMillis = startMillis;
    outOfOrderFraction = settings.outOfOrderFraction();
    maxDelayMillis = settings.outOfOrderMaxDelay().toMillis();
    malformedFraction = settings.malformedFraction();
    format = LineFormat.of(settings.format());
  }

  public GeneratedEvent event(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("sequence must be >= 0, was " + n);
    }
    EventFields fields =
        new EventFields(
            idPrefix + n, key(n), status(n), latencyMs(n), timestampMillis(n), client(n));
    boolean malformed = malformedDraw.unit(n) < malformedFraction;
    String line =
        malformed ? format.malformedLine(fields, damageDraw.bits(n)) : format.line(fields);
    return new GeneratedEvent(
        n,
        malformed,
        line,
        fields.id(),
        fields.key(),
        fields.status(),
        fields.latencyMs(),
        fields.timestampMillis(),
        fields.client());
  }

  private String key(long n) {
    String index = Long.toString(keyDraw.below(n, keys));
    return KEY_PREFIX + "0".repeat(keyDigits - index.length()) + index;
  }

  /**
   * Drawn independently of the key, from names shared by all keys: each key sees at most {@code
   * clients} distinct clients, and given enough events all of them.
   */
  private String client(long n) {
    String index = Long.toString(clientDraw.below(n, clients));
    return CLIENT_PREFIX + "0".repeat(clientDigits - index.length()) + index;
  }

  private int status(long n) {
    double u = statusDraw.unit(n);
    if (u < P_500) {
      return 500;
    } else if (u < P_5XX) {
      return 503;
    } else if (u < P_404) {
      return 404;
    } else if (u < P_201) {
      return 201;
    }
    return 200;
  }

  private double latencyMs(long n) {
    // Box-Muller; 1 - u keeps the logarithm's argument in (0, 1].
    double radius = Math.sqrt(-2.0 * Math.log(1.0 - latencyDrawA.unit(n)));
    double normal = radius * Math.cos(2.0 * Math.PI * latencyDrawB.unit(n));
    double latency = Math.exp(LATENCY_LOG_MEDIAN + LATENCY_LOG_SIGMA * normal);
    return Math.max(MIN_LATENCY_MS, Math.round(latency * 1000) / 1000.0);
  }

  /**
   * Event time follows the sequence, not the wall clock: event n is stamped as if sent on schedule
   * (n milliseconds apart when the rate is unlimited), minus a delay for late events.
   */
  private long timestampMillis(long n) {
    long onTime = rate > 0 ? startMillis + n * 1000 / rate : startMillis + n;
    if (lateDraw.unit(n) < outOfOrderFraction) {
      return onTime - 1 - delayDraw.below(n, maxDelayMillis);
    }
    return onTime;
  }
}
