package ssa.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceBacklogTest {
  @Test
  void should_count_the_lines_between_the_read_and_the_available_offsets() {
    assertThat(SourceBacklog.lines("{\"seq\":100,\"at\":5}", "{\"seq\":250,\"at\":9}"))
        .isEqualTo(150);
    assertThat(SourceBacklog.lines("{\"t\":{\"0\":10,\"1\":20}}", "{\"t\":{\"0\":15,\"1\":40}}"))
        .isEqualTo(25);
    assertThat(SourceBacklog.lines("{\"seq\":100,\"at\":5}", null)).isEqualTo(-1);
    assertThat(SourceBacklog.lines("\"socket\"", "\"socket\"")).isEqualTo(-1);
  }
}
