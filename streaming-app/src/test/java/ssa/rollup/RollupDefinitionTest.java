package ssa.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollupDefinitionTest {
  private static RollupDefinition keeping(List<Grain> grains, Map<Grain, Duration> retention) {
    return new RollupDefinition(
        "r", List.of("api"), grains, List.of(), List.of(), Map.of(), retention);
  }

  @Test
  void should_rebuild_every_grain_but_the_finest_from_finer_rows_kept_long_enough() {
    RollupDefinition defaults =
        keeping(
            List.of(Grain.values()),
            Map.of(Grain.MINUTE, Duration.ofDays(7), Grain.HOUR, Duration.ofDays(90)));

    assertThat(defaults.rebuildable(Grain.MINUTE)).isFalse();
    assertThat(defaults.rebuildable(Grain.HOUR)).isTrue();
    assertThat(defaults.rebuildable(Grain.DAY)).isTrue();
    assertThat(defaults.rebuildable(Grain.MONTH)).isTrue();
    assertThat(defaults.rebuildable(Grain.YEAR)).isTrue();
  }

  @Test
  void should_not_rebuild_a_grain_whose_finer_rows_may_expire_within_two_of_its_buckets() {
    RollupDefinition shortDays =
        keeping(
            List.of(Grain.MINUTE, Grain.DAY, Grain.MONTH),
            Map.of(Grain.MINUTE, Duration.ofDays(2), Grain.DAY, Duration.ofDays(40)));

    assertThat(shortDays.rebuildable(Grain.DAY)).as("2 days of minutes for a day").isTrue();
    assertThat(shortDays.rebuildable(Grain.MONTH)).as("40 days of days for a month").isFalse();
  }
}
