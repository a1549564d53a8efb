package ssa.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredRollupTest {
  private static RollupValue value(long count, long errors, double sum, double min, double max) {
    return RollupValue.of(count, errors, Map.of("m", sum), Map.of("m", min), Map.of("m", max));
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
    RollupValue a = RollupValue.of(1, 0, Map.of("x", 1.0), Map.of("x", 1.0), Map.of("x", 1.0));
    RollupValue b = RollupValue.of(1, 0, Map.of("y", 2.0), Map.of("y", 2.0), Map.of("y", 2.0));
    assertThat(a.plus(b).sum()).isEqualTo(Map.of("x", 1.0, "y", 2.0));
  }

  @Test
  void should_rebuild_so_that_a_replay_of_the_streams_last_batch_counts_it_once() {
    RollupValue settled = value(10, 1, 100, 1, 50);
    RollupValue lastBatch = value(2, 0, 7, 1, 6);
    StoredRollup rebuilt = StoredRollup.rebuilt(settled, lastBatch, "q/7");
    StoredRollup replayed = StoredRollup.apply(rebuilt, lastBatch, "q/7");
    assertThat(replayed.value()).isEqualTo(value(12, 1, 107, 1, 50));
    assertThat(StoredRollup.apply(rebuilt, value(1, 0, 1, 1, 1), "q/8").value().count())
        .isEqualTo(13);
  }

  @Test
  void should_sum_finer_rows_leaving_later_batches_to_the_stream() {
    BatchId last = new BatchId("q", 7);
    StoredRollup settledRow =
        new StoredRollup(value(5, 0, 50, 1, 20), "incremental:x", value(5, 0, 50, 1, 20));
    StoredRollup lastBatchRow =
        new StoredRollup(value(4, 1, 40, 2, 30), "q/7", value(3, 1, 30, 2, 30));
    StoredRollup laterRow = new StoredRollup(value(9, 0, 90, 1, 99), "q/8", value(6, 0, 60, 3, 10));
    StoredRollup sum =
        StoredRollup.sum(java.util.List.of(settledRow, lastBatchRow, laterRow), last, "q/7");
    // The later batch q/8 will add its part to the coarser bucket itself: only its prior counts.
    assertThat(sum.value()).isEqualTo(value(15, 1, 150, 1, 30));
    // A replay of q/7 starts from the prior, which leaves out q/7's part of the finer row.
    assertThat(sum.prior()).isEqualTo(value(14, 1, 140, 1, 30));
    assertThat(sum.appliedBatch()).isEqualTo("q/7");
  }

  @Test
  void should_sum_finer_rows_whole_without_a_stream() {
    StoredRollup a = new StoredRollup(value(4, 1, 40, 2, 30), "q/7", value(3, 1, 30, 2, 30));
    StoredRollup b = new StoredRollup(value(1, 0, 5, 5, 5), "incremental:x", value(1, 0, 5, 5, 5));
    StoredRollup sum = StoredRollup.sum(java.util.List.of(a, b), null, "incremental:x");
    assertThat(sum.value()).isEqualTo(value(5, 1, 45, 2, 30));
    assertThat(sum.prior()).isEqualTo(sum.value());
  }
}
