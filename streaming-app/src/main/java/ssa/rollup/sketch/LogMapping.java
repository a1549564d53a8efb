package ssa.rollup.sketch;

/**
 * Maps a positive magnitude to its logarithmic bucket and back. Bucket {@code i} holds the
 * magnitudes in (gamma^(i-1), gamma^i], with gamma = (1 + a) / (1 - a); its representative value 2
 * gamma^i / (gamma + 1) is within a relative accuracy a of every magnitude in it.
 *
 * <p>StrictMath, not Math: Math.log may differ in the last bit between JVMs and CPUs, which could
 * put a value lying on a bucket edge into one bucket on the streaming job's executors and into the
 * next on the batch job's, and then the two would store different bytes for the same values.
 */
final class LogMapping {
  static final double RELATIVE_ACCURACY = 0.01;
  static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
  private static final double LN_GAMMA = StrictMath.log(GAMMA);

  /** The index of the smallest positive double's bucket; no finite magnitude maps lower. */
  static final int MIN_INDEX = index(Double.MIN_VALUE);

  /** The index of the largest double's bucket; no finite magnitude maps higher. */
  static final int MAX_INDEX = index(Double.MAX_VALUE);

  private LogMapping() {}

  /** The bucket of a positive, finite magnitude. */
  static int index(double magnitude) {
    return (int) Math.ceil(StrictMath.log(magnitude) / LN_GAMMA);
  }

  /**
   * The bucket's representative value, 2 gamma^i / (gamma + 1), computed as gamma^(i-1) (1 + a):
   * from the bucket's lower edge, which lies below every magnitude in it, so that it overflows only
   * when the representative itself is beyond Double.MAX_VALUE (the sketch clamps answers to the
   * maximum it saw, within the accuracy of those magnitudes).
   */
  static double value(int index) {
    return StrictMath.pow(GAMMA, index - 1) * (1 + RELATIVE_ACCURACY);
  }
}
