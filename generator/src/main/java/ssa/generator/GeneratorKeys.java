package ssa.generator;

import java.util.List;

/**
 * Paths of the generator's settings. Each key is spelled here only, so a test can check that
 * every one of them is documented (and given its default) in {@code reference.conf}.
 */
public final class GeneratorKeys {
  public static final String ROOT = "ssa.generator";

  public static final String PORT = ROOT + ".port";
  public static final String BIND_ADDRESS = ROOT + ".bind-address";
  public static final String RATE = ROOT + ".rate";
  public static final String COUNT = ROOT + ".count";
  public static final String KEYS = ROOT + ".keys";
  public static final String SEED = ROOT + ".seed";
  public static final String ID = ROOT + ".id";
  public static final String FORMAT = ROOT + ".format";
  public static final String OUT_OF_ORDER_FRACTION = ROOT + ".out-of-order.fraction";
  public static final String OUT_OF_ORDER_MAX_DELAY = ROOT + ".out-of-order.max-delay";
  public static final String MALFORMED_FRACTION = ROOT + ".malformed.fraction";
  public static final String START_TIME = ROOT + ".start-time";
  public static final String REPORT_INTERVAL = ROOT + ".report-interval";
  public static final String CATCH_UP = ROOT + ".catch-up";
  public static final String COMMAND_WAIT = ROOT + ".command-wait";
  public static final String LINGER = ROOT + ".linger";

  static final List<String> ALL =
      List.of(
          PORT,
          BIND_ADDRESS,
          RATE,
          COUNT,
          KEYS,
          SEED,
          ID,
          FORMAT,
          OUT_OF_ORDER_FRACTION,
          OUT_OF_ORDER_MAX_DELAY,
          MALFORMED_FRACTION,
          START_TIME,
          REPORT_INTERVAL,
          CATCH_UP,
          COMMAND_WAIT,
          LINGER);

  private GeneratorKeys() {}
}
