package ssa.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredRollupTest {
  private static RollupValue value(long count, long errors, double sum, double min, double max) {
    return new RollupValue(
        count, errors, Map.of("m", sum), Map.of("m", min), Map.of("m", max));
  }

  @Test
  void should_start_a_new_bucket_from_the_partial() {
    StoredRollup row = StoredRollup.apply(null, value(3, 1, 30, 5, 20), "q/0");
    assertThat(row.value()).isEqualTo(value(3, 1, 30, 5, 20));
    assertThat(row.prior()).isEqualTo(RollupValue.EMPTY);
    assertThat(row.appliedBatch()).isEqualTo("q/0");
  }

  @Test
  void should_accumulate_batches_into_whole_values() {
    StoredRollup first = StoredRollup.apply(null, value(3, 1, 30, 5, 20), "q/0");
    StoredRollup second = StoredRollup.apply(first, value(2, 0, 7, 1, 6), "q/1");
    assertThat(second.value()).isEqualTo(value(5, 1, 37, 1, 20));
    assertThat(second.prior()).isEqualTo(first.value());
  }

  @Test
  void should_not_double_count_a_replayed_batch() {
    StoredRollup first = StoredRollup.apply(null, value(3, 1, 30, 5, 20), "q/0");
    StoredRollup second = StoredRollup.apply(first, value(2, 0, 7, 1, 6), "q/1");
    StoredRollup replayed = StoredRollup.apply(second, value(2, 0, 7, 1, 6), "q/1");
    assertThat(replayed).isEqualTo(second);
  }

  @Test
  void should_treat_the_same_batch_number_of_another_query_as_new() {
    StoredRollup old = StoredRollup.apply(null, value(3, 1, 30, 5, 20), "old-query/0");
    StoredRollup fresh = StoredRollup.apply(old, value(1, 0, 1, 1, 1), "new-query/0");
    assertThat(fresh.value().count()).isEqualTo(4);
  }

  @Test
  void should_combine_measures_present_on_one_side_only() {
    RollupValue a = new RollupValue(1, 0, Map.of("x", 1.0), Map.of("x", 1.0), Map.of("x", 1.0));
    RollupValue b = new RollupValue(1, 0, Map.of("y", 2.0), Map.of("y", 2.0), Map.of("y", 2.0));
    assertThat(a.plus(b).sum()).isEqualTo(Map.of("x", 1.0, "y", 2.0));
  }
}
