package ssa.incremental;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import ssa.rollup.BatchId;
import ssa.store.RawIndex.DayArrival;
import ssa.store.StreamProgress;

class ArrivalHorizonTest {
  private static final Instant T1 = Instant.parse("2026-03-01T00:00:05Z");
  private static final Instant T2 = Instant.parse("2026-03-01T00:00:10Z");
  private static final List<DayArrival> DAYS =
      List.of(new DayArrival(LocalDate.parse("2026-03-01"), Instant.parse("2026-03-01T00:00:15Z")));

  @Test
  void should_stop_at_the_streams_last_batch_and_keep_that_batch_apart() {
    BatchId last = new BatchId("q", 9);
    ArrivalHorizon horizon =
        ArrivalHorizon.of(
            Optional.of(new StreamProgress(last, null, null, T2, T1, null)), DAYS, "x");
    assertThat(horizon.receivedUntil()).isEqualTo(T2);
    assertThat(horizon.settledUntil()).isEqualTo(T1);
    assertThat(horizon.lastBatch()).isEqualTo(last);
    assertThat(horizon.applied()).isEqualTo("q/9");
  }

  @Test
  void should_take_everything_indexed_without_a_stream() {
    ArrivalHorizon horizon = ArrivalHorizon.of(Optional.empty(), DAYS, "nightly");
    assertThat(horizon.receivedUntil()).isEqualTo(Instant.parse("2026-03-01T00:00:15Z"));
    assertThat(horizon.settledUntil()).isEqualTo(horizon.receivedUntil());
    assertThat(horizon.lastBatch()).isNull();
    assertThat(BatchId.parse(horizon.applied())).isNull();
  }
}
