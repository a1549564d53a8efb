package ssa.rollup.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.datasketches.hll.HllSketch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistinctSketchTest {
  private static final RandomMerges<DistinctSketch, String> MERGES =
      new RandomMerges<>(DistinctSketch::new, DistinctSketch::add, DistinctSketch::merged);

  private static List<String> distinct(int count) {
    return IntStream.range(0, count).mapToObj(i -> "user-" + i).toList();
  }

  private static DistinctSketch of(List<String> values) {
    return MERGES.direct(values);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 300, 3000, 50_000})
  void should_give_the_same_estimate_and_bytes_however_the_values_are_split_and_merged(int count) {
    List<String> values = distinct(count);
    DistinctSketch direct = of(values);
    Random random = new Random(count);
    for (int trial = 0; trial < 25; trial++) {
      int parts = 2 + random.nextInt(19);
      DistinctSketch merged = MERGES.splitAndMerged(values, parts, random);
      assertThat(merged.estimate())
          .as("trial %d, %d parts", trial, parts)
          .isEqualTo(direct.estimate());
      assertThat(merged.toBytes())
          .as("trial %d, %d parts", trial, parts)
          .isEqualTo(direct.toBytes());
      assertThat(merged).isEqualTo(direct).hasSameHashCodeAs(direct);
    }
  }

  @Test
  void should_merge_sketches_of_each_mode_in_any_order() {
    // Up to 7 values a sketch lists its coupons, up to 384 it keeps them in a hash set, then it
    // switches to the registers (HLL mode).
    List<String> values = distinct(5_000);
    List<DistinctSketch> parts =
        List.of(
            of(values.subList(0, 5)),
            of(values.subList(5, 305)),
            of(values.subList(305, 5_000)),
            of(values.subList(1_000, 1_003)));
    DistinctSketch direct = of(values);
    int[][] orders = {{0, 1, 2, 3}, {3, 2, 1, 0}, {2, 0, 3, 1}, {1, 3, 0, 2}, {2, 3, 1, 0}};
    for (int[] order : orders) {
      DistinctSketch merged = new DistinctSketch();
      for (int part : order) {
        merged = merged.merged(parts.get(part));
      }
      assertThat(merged.toBytes()).as(Arrays.toString(order)).isEqualTo(direct.toBytes());
      assertThat(merged.estimate()).isEqualTo(direct.estimate());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7})
  void should_count_few_values_exactly(int count) {
    assertThat(of(distinct(count)).estimate()).isEqualTo(count);
  }

  @ParameterizedTest
  @ValueSource(ints = {300, 1_000, 3_000, 10_000, 100_000})
  void should_estimate_within_three_percent(int count) {
    long estimate = of(distinct(count)).estimate();
    double error = (estimate - count) / (double) count;
    System.out.printf(
        "DistinctSketch: %d distinct -> estimate %d, error %+.3f%%%n",
        count, estimate, 100 * error);
    assertThat(Math.abs(error)).isLessThanOrEqualTo(0.03);
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000, 10_000, 100_000})
  void should_estimate_the_same_with_many_duplicates(int count) {
    List<String> values = distinct(count);
    List<String> repeated = new ArrayList<>();
    Random random = new Random(count);
    for (String value : values) {
      for (int copies = 1 + random.nextInt(5); copies > 0; copies--) {
        repeated.add(value);
      }
    }
    Collections.shuffle(repeated, random);
    DistinctSketch withDuplicates = of(repeated);
    assertThat(withDuplicates.toBytes()).isEqualTo(of(values).toBytes());
    assertThat(Math.abs(withDuplicates.estimate() - count) / (double) count)
        .isLessThanOrEqualTo(0.03);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7, 300, 3000, 100_000})
  void should_round_trip_through_bytes(int count) {
    DistinctSketch sketch = of(distinct(count));
    byte[] bytes = sketch.toBytes();
    DistinctSketch read = DistinctSketch.fromBytes(bytes);
    System.out.printf("DistinctSketch: %d distinct stored in %d bytes%n", count, bytes.length);
    assertThat(read).isEqualTo(sketch);
    assertThat(read.toBytes()).isEqualTo(bytes);
    assertThat(read.estimate()).isEqualTo(sketch.estimate());
    assertThat(read.isEmpty()).isEqualTo(count == 0);
  }

  @Test
  void should_keep_counting_after_being_read_back() {
    List<String> values = distinct(20_000);
    DistinctSketch read = DistinctSketch.fromBytes(of(values.subList(0, 5_000)).toBytes());
    values.subList(5_000, 20_000).forEach(read::add);
    assertThat(read.toBytes()).isEqualTo(of(values).toBytes());
    assertThat(read.estimate()).isEqualTo(of(values).estimate());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7, 300, 3000, 100_000})
  void should_store_an_image_datasketches_reads_with_the_same_estimate(int count) {
    DistinctSketch sketch = of(distinct(count));
    HllSketch read = HllSketch.heapify(sketch.toBytes());
    assertThat(read.getLgConfigK()).isEqualTo(DistinctSketch.LG_K);
    // getEstimate, not the composite: the canonical image marks itself out of order.
    assertThat(Math.round(read.getEstimate())).isEqualTo(sketch.estimate());
  }

  @Test
  void should_leave_the_inputs_of_a_merge_unchanged() {
    DistinctSketch a = of(distinct(1_000));
    DistinctSketch b = of(distinct(5_000).subList(500, 5_000));
    byte[] aBefore = a.toBytes();
    byte[] bBefore = b.toBytes();
    DistinctSketch sum = a.merged(b);
    assertThat(a.toBytes()).isEqualTo(aBefore);
    assertThat(b.toBytes()).isEqualTo(bBefore);
    assertThat(sum).isEqualTo(of(distinct(5_000)));
  }

  @Test
  void should_ignore_null_and_count_the_empty_string() {
    DistinctSketch sketch = new DistinctSketch();
    sketch.add(null);
    assertThat(sketch.isEmpty()).isTrue();
    sketch.add("");
    sketch.add("");
    assertThat(sketch.estimate()).isEqualTo(1);
    sketch.add("a");
    assertThat(sketch.estimate()).isEqualTo(2);
  }

  @Test
  void should_survive_java_serialization() throws Exception {
    DistinctSketch sketch = of(distinct(3000));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
      out.writeObject(sketch);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(buffer.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(sketch);
    }
  }

  @Test
  void should_reject_what_it_never_stores() {
    byte[] stored = of(distinct(3000)).toBytes();
    HllSketch otherSize = new HllSketch(10);
    otherSize.update("a");
    HllSketch updatable = new HllSketch(DistinctSketch.LG_K);
    updatable.update("a");
    List<byte[]> bad =
        List.of(
            new byte[] {1, 2, 3},
            Arrays.copyOf(stored, stored.length - 4),
            Arrays.copyOf(stored, stored.length + 4),
            Arrays.copyOf(of(distinct(5)).toBytes(), 8),
            otherSize.toCompactByteArray(),
            updatable.toUpdatableByteArray());
    for (byte[] bytes : bad) {
      assertThatThrownBy(() -> DistinctSketch.fromBytes(bytes))
          .as(Arrays.toString(Arrays.copyOf(bytes, 8)))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new DistinctSketch().merged(new QuantileSketch()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void should_add_cheaply() {
    List<String> values = distinct(1_000_000);
    long best = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      DistinctSketch sketch = new DistinctSketch();
      long start = System.nanoTime();
      values.forEach(sketch::add);
      best = Math.min(best, System.nanoTime() - start);
    }
    System.out.printf("DistinctSketch: about %d ns an add%n", best / values.size());
  }
}
