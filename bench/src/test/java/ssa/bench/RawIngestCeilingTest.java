package ssa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ssa.bench.RawIngestCeiling.PartitionRows;

class RawIngestCeilingTest {
  @Test
  void aPartitionSendsItsFirstBatchAtItsOwnSizeThenFullBatches() {
    PartitionRows<Integer> partition = new PartitionRows<>(3, 5);
    List<List<Integer>> sent = new ArrayList<>();
    for (int row = 0; row < 13; row++) {
      List<Integer> batch = partition.add(row);
      if (batch != null) {
        sent.add(batch);
      }
    }
    assertThat(sent)
        .containsExactly(List.of(0, 1, 2), List.of(3, 4, 5, 6, 7), List.of(8, 9, 10, 11, 12));
  }
}
