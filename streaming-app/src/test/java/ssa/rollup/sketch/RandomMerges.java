package ssa.rollup.sketch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

/**
 * Builds a sketch the way the rollups do: values split over batches in any way, each batch's part
 * in any order, the parts' sketches merged in any order and grouping.
 */
final class RandomMerges<S, V> {
  private final Supplier<S> empty;
  private final BiConsumer<S, V> add;
  private final BinaryOperator<S> merge;

  RandomMerges(Supplier<S> empty, BiConsumer<S, V> add, BinaryOperator<S> merge) {
    this.empty = empty;
    this.add = add;
    this.merge = merge;
  }

  /** All values added in the given order to one sketch. */
  S direct(List<V> values) {
    S sketch = empty.get();
    values.forEach(value -> add.accept(sketch, value));
    return sketch;
  }

  /**
   * The values shuffled, cut into the given number of parts at random points (a part may be empty),
   * one sketch a part, merged two at a time, picked at random, until one is left.
   */
  S splitAndMerged(List<V> values, int parts, Random random) {
    List<V> shuffled = new ArrayList<>(values);
    Collections.shuffle(shuffled, random);
    List<Integer> cuts = new ArrayList<>();
    for (int i = 1; i < parts; i++) {
      cuts.add(random.nextInt(shuffled.size() + 1));
    }
    Collections.sort(cuts);
    cuts.add(shuffled.size());
    List<S> sketches = new ArrayList<>();
    int from = 0;
    for (int cut : cuts) {
      sketches.add(direct(shuffled.subList(from, cut)));
      from = cut;
    }
    while (sketches.size() > 1) {
      S left = sketches.remove(random.nextInt(sketches.size()));
      S right = sketches.remove(random.nextInt(sketches.size()));
      sketches.add(random.nextInt(sketches.size() + 1), merge.apply(left, right));
    }
    return sketches.get(0);
  }
}
