package ssa.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import ssa.bench.BatchWindow.Batch;
import ssa.bench.BatchWindow.Fit;

class BatchWindowTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Batch batch(long id, long lines, long startSec, long endSec, long eventSec) {
    return new Batch(
        id, lines, T0.plusSeconds(eventSec), T0.plusSeconds(startSec), T0.plusSeconds(endSec));
  }

  @Test
  void aBatchAcrossAnEdgeCountsWithItsShareInside() {
    // 100 lines over [0, 10), 300 lines over [10, 40): the window [5, 20) holds half of the
    // first and a third of the second.
    List<Batch> batches = List.of(batch(1, 100, 0, 10, 0), batch(2, 300, 10, 40, 10));
    assertThat(BatchWindow.proratedLines(batches, T0.plusSeconds(5), T0.plusSeconds(20)))
        .isCloseTo(50 + 100, within(1e-9));
    assertThat(BatchWindow.finishedIn(batches, T0.plusSeconds(5), T0.plusSeconds(20)))
        .extracting(Batch::batchId)
        .containsExactly(1L);
    assertThat(BatchWindow.linesFinishedBy(batches, T0.plusSeconds(40))).isEqualTo(400);
  }

  @Test
  void busyIsTheShareOfTheWindowABatchRan() {
    List<Batch> batches = List.of(batch(1, 100, 0, 10, 0), batch(2, 300, 15, 40, 10));
    // [5, 25): 5 s of the first, 10 s of the second, 5 s idle between them.
    assertThat(BatchWindow.busyShare(batches, T0.plusSeconds(5), T0.plusSeconds(25)))
        .isCloseTo(0.75, within(1e-9));
  }

  @Test
  void latencyIsFinishedMinusNewestEventTimeByNearestRank() {
    List<Batch> batches =
        List.of(
            batch(1, 10, 0, 2, 1),
            batch(2, 10, 2, 5, 2),
            batch(3, 10, 5, 9, 5),
            batch(4, 0, 9, 10, 5));
    assertThat(BatchWindow.percentileLatencyMs(batches, 0.5).getAsLong()).isEqualTo(3000);
    assertThat(BatchWindow.percentileLatencyMs(batches, 0.99).getAsLong()).isEqualTo(4000);
    assertThat(BatchWindow.percentileLatencyMs(List.of(), 0.5)).isEmpty();
  }

  @Test
  void theFitFindsTheFixedAndThePerLineCost() {
    // duration = 2 s + 100 µs per line, exactly; an empty batch is left out.
    List<Batch> batches =
        List.of(
            batch(1, 10_000, 0, 3, 0),
            batch(2, 50_000, 3, 10, 0),
            batch(3, 100_000, 10, 22, 0),
            batch(4, 0, 22, 30, 0));
    Fit fit = BatchWindow.fit(batches);
    assertThat(fit.batches()).isEqualTo(3);
    assertThat(fit.fixedMs()).isCloseTo(2000, within(1e-6));
    assertThat(fit.microsPerLine()).isCloseTo(100, within(1e-9));
    assertThat(fit.r2()).isCloseTo(1, within(1e-9));
  }
}
