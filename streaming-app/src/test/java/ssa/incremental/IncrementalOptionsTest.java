package ssa.incremental;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import ssa.rollup.Grain;

class IncrementalOptionsTest {
  @Test
  void should_read_id_period_and_range() {
    IncrementalOptions options =
        IncrementalOptions.parse(
            new String[] {
              "--id",
              "daily",
              "--period",
              "day",
              "--from",
              "2016-05-26",
              "--to",
              "2016-05-27T12:00:00Z"
            });
    assertThat(options.id()).isEqualTo("daily");
    assertThat(options.period()).isEqualTo(Grain.DAY);
    assertThat(options.from()).contains(Instant.parse("2016-05-26T00:00:00Z"));
    assertThat(options.to()).contains(Instant.parse("2016-05-27T12:00:00Z"));
    assertThat(options.backfill()).isTrue();
  }

  @Test
  void should_read_a_look_back_of_whole_periods_default_none() {
    String[] hourly = {"--id", "h", "--period", "hour"};
    assertThat(IncrementalOptions.parse(hourly).lookBack()).isZero();
    assertThat(
            IncrementalOptions.parse(
                    new String[] {"--id", "h", "--period", "hour", "--look-back", "2"})
                .lookBack())
        .isEqualTo(2);
    assertThatThrownBy(
            () ->
                IncrementalOptions.parse(
                    new String[] {"--id", "h", "--period", "hour", "--look-back", "-1"}))
        .hasMessageContaining("--look-back must be a number of periods");
  }

  @Test
  void should_name_what_is_wrong() {
    assertThatThrownBy(() -> IncrementalOptions.parse(new String[] {"--period", "DAY"}))
        .hasMessageContaining("--id is required");
    assertThatThrownBy(
            () -> IncrementalOptions.parse(new String[] {"--id", "x", "--period", "WEEK"}))
        .hasMessageContaining("--period must be one of");
    assertThatThrownBy(
            () ->
                IncrementalOptions.parse(
                    new String[] {"--id", "x", "--period", "DAY", "--from", "yesterday"}))
        .hasMessageContaining("--from must be a UTC date or time");
    assertThatThrownBy(
            () ->
                IncrementalOptions.parse(
                    new String[] {
                      "--id", "x", "--period", "DAY", "--from", "2016-05-27", "--to", "2016-05-26"
                    }))
        .hasMessageContaining("--from must be before --to");
  }
}
