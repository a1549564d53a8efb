package ssa.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinesTest {
  private static List<String> split(String body, int max) throws Lines.Refused {
    return Lines.split(body.getBytes(StandardCharsets.UTF_8), max).stream()
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .toList();
  }

  @Test
  void should_take_each_non_empty_line_with_either_line_end() throws Exception {
    assertThat(split("a\r\nb\n\nc", 10)).containsExactly("a", "b", "c");
    assertThat(split("", 10)).isEmpty();
    assertThat(split("héllo\n", 10)).containsExactly("héllo");
  }

  @Test
  void should_refuse_a_body_with_a_line_too_long_or_not_utf8_naming_the_line() {
    assertThatThrownBy(() -> split("ok\n12345678901\n", 10))
        .isInstanceOfSatisfying(Lines.Refused.class, e -> assertThat(e.status).isEqualTo(413))
        .hasMessageContaining("line 2 longer than 10 bytes");
    byte[] bad = {'o', 'k', '\n', (byte) 0xC3, (byte) 0x28, '\n'};
    assertThatThrownBy(() -> Lines.split(bad, 10))
        .isInstanceOfSatisfying(Lines.Refused.class, e -> assertThat(e.status).isEqualTo(400))
        .hasMessageContaining("line 2 is not valid UTF-8");
  }
}
