package ssa.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ssa.rollup.Grain;
import ssa.rollup.RollupKey;

class PendingRollupsTest {
  @Test
  void should_read_back_the_keys_it_notes_with_their_periods() {
    Instant time = Instant.parse("2026-12-06T17:59:30Z");
    List<RollupKey> rows = new ArrayList<>();
    rows.add(RollupKey.of("per_api", Grain.HOUR, "/api/v1/res-007", time));
    rows.add(RollupKey.of("per_api_status", Grain.HOUR, "/api/x|500", time));
    // Any text a key may hold: separators, new lines, characters outside the BMP.
    rows.add(RollupKey.of("per_api", Grain.MONTH, "a\\|b\nc\t\uD83D\uDE00", time));
    for (int i = 0; i < 5_000; i++) {
      rows.add(RollupKey.of("per_api", Grain.HOUR, "/api/v1/res-" + i, time));
    }

    byte[] chunk = PendingRollups.encode(rows);

    assertThat(PendingRollups.decode(chunk)).containsExactlyElementsOf(rows);
    assertThat(rows.get(0).period()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(chunk.length).as("deflated").isLessThan(5_000 * 10);
  }
}
