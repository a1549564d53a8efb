package ssa.generator;

/**
 * Random access into a SplitMix64 sequence: value n is computed in O(1) from (seed, stream, n)
 * without producing values 0..n-1, which is what makes event n a pure function of the seed. Each
 * event field draws from its own stream, so changing how one field is drawn never shifts the
 * others.
 */
final class RandomStream {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private static final double UNIT = 0x1.0p-53;

  private final long streamSeed;

  RandomStream(long seed, int stream) {
    // Mixing the pair first keeps streams of neighbouring seeds from being shifted copies.
    this.streamSeed = mix64(seed + stream * GOLDEN_GAMMA);
  }

  /** 64 well-mixed bits: SplitMix64's n-th output for this stream. */
  long bits(long n) {
    return mix64(streamSeed + (n + 1) * GOLDEN_GAMMA);
  }

  /** Uniform in [0, 1). */
  double unit(long n) {
    return (bits(n) >>> 11) * UNIT;
  }

  /** Uniform in [0, bound), for bound up to 2^53. */
  long below(long n, long bound) {
    return (long) (unit(n) * bound);
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
