package ssa.rollup.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class QuantileSketchTest {
  private static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99, 1.0};
  private static final double[] MORE_QUANTILES = {
    0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1
  };
  private static final RandomMerges<QuantileSketch, Double> MERGES =
      new RandomMerges<>(QuantileSketch::new, QuantileSketch::add, QuantileSketch::merged);

  private static List<Double> lognormal(int count, long seed) {
    Random random = new Random(seed);
    List<Double> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(20 * Math.exp(0.75 * random.nextGaussian()));
    }
    return values;
  }

  private static List<Double> uniform(int count, double from, double to, long seed) {
    Random random = new Random(seed);
    return DoubleStream.generate(() -> from + (to - from) * random.nextDouble())
        .limit(count)
        .boxed()
        .toList();
  }

  /** Magnitudes spread evenly over 10^-150 .. 10^150, far more than the buckets a sign keeps. */
  private static List<Double> logUniform(int count, long seed) {
    Random random = new Random(seed);
    return DoubleStream.generate(() -> Math.pow(10, -150 + 300 * random.nextDouble()))
        .limit(count)
        .boxed()
        .toList();
  }

  private static QuantileSketch of(List<Double> values) {
    return MERGES.direct(values);
  }

  private static double nearestRank(List<Double> values, double q) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    long rank = Math.max(1, (long) Math.ceil(q * sorted.length));
    return sorted[(int) rank - 1];
  }

  private static void assertAccurate(String name, List<Double> values, double... quantiles) {
    QuantileSketch sketch = of(values);
    for (double q : quantiles) {
      double exact = nearestRank(values, q);
      double estimate = sketch.quantile(q);
      double error = exact == 0 ? estimate : (estimate - exact) / Math.abs(exact);
      System.out.printf(
          "QuantileSketch %s: q=%.3f exact %.6g sketch %.6g error %+.4f%%%n",
          name, q, exact, estimate, 100 * error);
      assertThat(Math.abs(estimate - exact))
          .as("%s q=%s: exact %s, sketch %s", name, q, exact, estimate)
          .isLessThanOrEqualTo(QuantileSketch.RELATIVE_ACCURACY * Math.abs(exact));
    }
  }

  private static void assertSameHoweverSplit(List<Double> values, long seed) {
    QuantileSketch direct = of(values);
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    assertThat(of(sorted).toBytes()).isEqualTo(direct.toBytes());
    Collections.reverse(sorted);
    assertThat(of(sorted).toBytes()).isEqualTo(direct.toBytes());
    Random random = new Random(seed);
    for (int trial = 0; trial < 25; trial++) {
      int parts = 2 + random.nextInt(19);
      QuantileSketch merged = MERGES.splitAndMerged(values, parts, random);
      assertThat(merged.toBytes())
          .as("trial %d, %d parts", trial, parts)
          .isEqualTo(direct.toBytes());
      assertThat(merged).isEqualTo(direct).hasSameHashCodeAs(direct);
      assertSameQuantiles(merged, direct);
    }
  }

  /** Boxed, so that two NaNs (an empty sketch's) count as the same. */
  private static void assertSameQuantiles(QuantileSketch actual, QuantileSketch expected) {
    for (double q : MORE_QUANTILES) {
      assertThat(Double.valueOf(actual.quantile(q)))
          .isEqualTo(Double.valueOf(expected.quantile(q)));
    }
  }

  @Test
  void should_give_the_same_bytes_however_lognormal_values_are_split_and_merged() {
    assertSameHoweverSplit(lognormal(100_000, 1), 11);
  }

  @Test
  void should_give_the_same_bytes_however_mixed_signs_and_zeros_are_split_and_merged() {
    List<Double> values = new ArrayList<>(uniform(30_000, -1000, 1000, 2));
    values.addAll(Collections.nCopies(500, 0.0));
    values.addAll(Collections.nCopies(500, -0.0));
    assertSameHoweverSplit(values, 12);
  }

  @Test
  void should_give_the_same_bytes_however_split_when_buckets_are_folded() {
    List<Double> values = new ArrayList<>(logUniform(30_000, 3));
    logUniform(30_000, 4).forEach(value -> values.add(-value));
    assertSameHoweverSplit(values, 13);
  }

  @Test
  void should_be_accurate_on_lognormal_values() {
    assertAccurate("lognormal", lognormal(100_000, 5), QUANTILES);
    assertAccurate("lognormal", lognormal(100_000, 5), MORE_QUANTILES);
  }

  @Test
  void should_be_accurate_on_uniform_values_of_both_signs() {
    List<Double> values = uniform(100_000, -1000, 1000, 6);
    assertAccurate("uniform[-1000,1000)", values, QUANTILES);
    assertAccurate("uniform[-1000,1000)", values, MORE_QUANTILES);
    assertAccurate("uniform[-100,0)", uniform(100_000, -100, 0, 7), MORE_QUANTILES);
  }

  @Test
  void should_keep_at_most_the_bucket_bound_per_sign_and_lose_only_the_lowest_magnitudes() {
    List<Double> values = logUniform(100_000, 8);
    QuantileSketch sketch = of(values);
    assertThat(sketch.nonEmptyBuckets()).isLessThanOrEqualTo(QuantileSketch.MAX_BUCKETS_PER_SIGN);
    System.out.printf(
        "QuantileSketch: 10^-150..10^150 in %d buckets, %d bytes%n",
        sketch.nonEmptyBuckets(), sketch.toBytes().length);
    // The kept buckets reach 4096 * log10(gamma) = 35.6 decades down from 10^150.
    assertAccurate("log-uniform", values, 0.9, 0.95, 0.99, 1.0);
    double exactMedian = nearestRank(values, 0.5);
    assertThat(sketch.quantile(0.5)).isGreaterThan(exactMedian).isGreaterThan(1e114);
    assertThat(sketch.quantile(0)).isEqualTo(nearestRank(values, 0));
  }

  @Test
  void should_store_100000_lognormal_values_in_a_few_hundred_bytes() {
    QuantileSketch sketch = of(lognormal(100_000, 9));
    int size = sketch.toBytes().length;
    System.out.printf(
        "QuantileSketch: 100000 lognormal values in %d buckets, %d bytes%n",
        sketch.nonEmptyBuckets(), size);
    assertThat(size).isLessThan(2048);
  }

  @Test
  void should_round_trip_through_bytes() throws Exception {
    List<Double> values = new ArrayList<>(uniform(10_000, -50, 50, 10));
    values.add(0.0);
    QuantileSketch sketch = of(values);
    for (QuantileSketch original : List.of(sketch, new QuantileSketch(), of(List.of(-3.5)))) {
      byte[] bytes = original.toBytes();
      QuantileSketch read = QuantileSketch.fromBytes(bytes);
      assertThat(read).isEqualTo(original);
      assertThat(read.toBytes()).isEqualTo(bytes);
      assertThat(read.count()).isEqualTo(original.count());
      assertSameQuantiles(read, original);
      assertThat(javaSerialized(original)).isEqualTo(original);
    }
  }

  private static Object javaSerialized(Object object) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
      out.writeObject(object);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(buffer.toByteArray()))) {
      return in.readObject();
    }
  }

  @Test
  void should_answer_nan_when_empty() {
    QuantileSketch empty = new QuantileSketch();
    assertThat(empty.count()).isZero();
    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty.quantile(0.5)).isNaN();
    assertThat(empty.min()).isNaN();
    assertThat(empty.max()).isNaN();
    assertThat(empty.toBytes()).hasSize(4);
    QuantileSketch some = of(List.of(1.0, 2.0));
    assertThat(empty.merged(some)).isEqualTo(some);
    assertThat(some.merged(empty)).isEqualTo(some);
  }

  @Test
  void should_answer_a_single_value_exactly() {
    for (double value : new double[] {42.42, -7.25, 0.0, 1e-300, Double.MAX_VALUE}) {
      QuantileSketch sketch = of(List.of(value));
      assertThat(sketch.count()).isOne();
      for (double q : MORE_QUANTILES) {
        assertThat(sketch.quantile(q)).isEqualTo(value);
      }
    }
  }

  @Test
  void should_be_accurate_up_to_the_largest_doubles() {
    // Each sign spans less than the bucket bound: nothing is folded.
    List<Double> values =
        List.of(-Double.MAX_VALUE, -1e300, -1e290, 0.0, 1e290, 1e300, 1.5e308, Double.MAX_VALUE);
    QuantileSketch sketch = of(values);
    assertThat(sketch.min()).isEqualTo(-Double.MAX_VALUE);
    assertThat(sketch.max()).isEqualTo(Double.MAX_VALUE);
    double[] everyRank = new double[values.size()];
    for (int rank = 1; rank <= values.size(); rank++) {
      everyRank[rank - 1] = rank / (double) values.size();
    }
    assertAccurate("largest", values, everyRank);
  }

  @Test
  void should_lose_the_accuracy_of_the_lowest_magnitudes_only_beyond_the_bucket_bound() {
    // 1 and 1e300 are 300 decades apart: 1 is counted in the lowest bucket kept, near 1e264.
    QuantileSketch sketch = of(List.of(1.0, 1e300, 2e300));
    assertThat(sketch.nonEmptyBuckets()).isEqualTo(3);
    assertThat(sketch.quantile(0.5)).isCloseTo(1e300, within(0.01 * 1e300));
    assertThat(sketch.quantile(0.4)).isGreaterThan(1e260).isLessThan(1e300);
    assertThat(sketch.quantile(0)).isEqualTo(1.0);
  }

  @Test
  void should_ignore_nan_and_infinities_and_count_minus_zero_as_zero() {
    QuantileSketch sketch = new QuantileSketch();
    sketch.add(Double.NaN);
    sketch.add(Double.POSITIVE_INFINITY);
    sketch.add(Double.NEGATIVE_INFINITY);
    assertThat(sketch.isEmpty()).isTrue();
    sketch.add(-0.0);
    assertThat(sketch).isEqualTo(of(List.of(0.0)));
    assertThat(Double.doubleToRawLongBits(sketch.min())).isEqualTo(Double.doubleToRawLongBits(0.0));
  }

  @Test
  void should_leave_the_inputs_of_a_merge_unchanged() {
    QuantileSketch a = of(lognormal(1_000, 14));
    QuantileSketch b = of(uniform(1_000, -5, 5, 15));
    byte[] aBefore = a.toBytes();
    byte[] bBefore = b.toBytes();
    QuantileSketch sum = a.merged(b);
    assertThat(a.toBytes()).isEqualTo(aBefore);
    assertThat(b.toBytes()).isEqualTo(bBefore);
    assertThat(sum.count()).isEqualTo(2_000);
    assertThatThrownBy(() -> a.merged(new DistinctSketch()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void should_reject_quantiles_outside_zero_to_one() {
    QuantileSketch sketch = of(List.of(1.0));
    for (double q : new double[] {-0.01, 1.01, Double.NaN}) {
      assertThatThrownBy(() -> sketch.quantile(q)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void should_reject_what_it_never_stores() {
    byte[] good = of(List.of(1.0, -2.0, 3.0)).toBytes();
    List<byte[]> bad = new ArrayList<>();
    bad.add(new byte[0]);
    bad.add(new byte[] {2, 0, 0, 0});
    bad.add(Arrays.copyOf(good, good.length - 1));
    bad.add(Arrays.copyOf(good, good.length + 1));
    // version, zeros, one negative bucket at index 0 with count 0.
    bad.add(new byte[] {1, 0, 1, 0, 0, 0});
    // Two buckets, the second at the same index.
    bad.add(new byte[] {1, 0, 2, 0, 1, 0, 1, 0});
    for (byte[] bytes : bad) {
      assertThatThrownBy(() -> QuantileSketch.fromBytes(bytes))
          .as(Arrays.toString(bytes))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void should_add_cheaply() {
    List<Double> values = lognormal(1_000_000, 16);
    double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
    long best = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      QuantileSketch sketch = new QuantileSketch();
      long start = System.nanoTime();
      for (double value : array) {
        sketch.add(value);
      }
      best = Math.min(best, System.nanoTime() - start);
    }
    System.out.printf("QuantileSketch: about %d ns an add%n", best / array.length);
  }
}
