package ssa.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import ssa.rollup.Grain;

class QueryParametersTest {
  private static QueryParameters of(String query) {
    return new QueryParameters(URI.create("http://h/api/v1/x?" + query));
  }

  @Test
  void should_choose_the_grain_from_the_range_when_not_given() {
    assertThat(QueryParameters.grainFor(Duration.ofHours(1))).isEqualTo(Grain.MINUTE);
    assertThat(QueryParameters.grainFor(Duration.ofDays(2))).isEqualTo(Grain.HOUR);
    assertThat(QueryParameters.grainFor(Duration.ofDays(90))).isEqualTo(Grain.DAY);
    assertThat(QueryParameters.grainFor(Duration.ofDays(900))).isEqualTo(Grain.MONTH);
  }

  @Test
  void should_name_the_parameter_and_the_reason() {
    assertThatThrownBy(() -> of("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z").range())
        .hasMessage("'from' must be before 'to'");
    assertThatThrownBy(() -> of("from=2000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z").range())
        .hasMessageContaining("at most");
    assertThatThrownBy(() -> of("limit=0").count("limit", 10, 100))
        .hasMessageContaining("'limit' must be from 1 to 100");
    assertThatThrownBy(() -> of("a=1&a=2")).hasMessageContaining("given twice");
    assertThatThrownBy(() -> of("tz=Mars/Olympus").zone()).hasMessageContaining("'tz'");
    assertThat(of("key=%2Fapi%2Fv1%7C503").required("key")).isEqualTo("/api/v1|503");
  }
}
