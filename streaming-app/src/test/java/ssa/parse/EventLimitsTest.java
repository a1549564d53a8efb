package ssa.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventLimitsTest {
  @Test
  void should_refuse_group_by_values_that_together_make_too_long_a_rollup_key() {
    String half = "x".repeat(EventLimits.MAX_KEY_BYTES / 2);
    java.util.List<String> fields = java.util.List.of("api", "customer");
    assertThat(EventLimits.rollupKeyTooLong(fields, java.util.Map.of("api", half, "customer", "y")))
        .isNull();
    assertThat(
            EventLimits.rollupKeyTooLong(
                fields, java.util.Map.of("api", half, "customer", half + "|")))
        .contains("fields [api, customer] make a rollup key of 65003 bytes");
    assertThat(EventLimits.rollupKeyTooLong(java.util.List.of("api"), java.util.Map.of())).isNull();
  }

  @Test
  void should_keep_a_short_line_whole_for_dead_letter() {
    String line = "x".repeat(EventLimits.MAX_STORED_LINE_CHARS);
    assertThat(EventLimits.storable(line)).isSameAs(line);
  }

  @Test
  void should_cut_a_huge_line_for_dead_letter_and_say_how_long_it_was() {
    String line = "é".repeat(3_000_000);
    String stored = EventLimits.storable(line);
    assertThat(stored)
        .startsWith("é".repeat(EventLimits.MAX_STORED_LINE_CHARS))
        .endsWith("...[cut, 6000000 bytes in all]")
        .hasSize(EventLimits.MAX_STORED_LINE_CHARS + "...[cut, 6000000 bytes in all]".length());
  }

  @Test
  void should_never_cut_a_surrogate_pair_in_half() {
    String line = "a" + "\uD83D\uDE00".repeat(EventLimits.MAX_STORED_LINE_CHARS);
    String stored = EventLimits.storable(line);
    assertThat(EventLimits.loneSurrogate(stored)).isEqualTo(-1);
    assertThat(stored).startsWith("a\uD83D\uDE00").contains("\uDE00...[cut, ");
  }

  @Test
  void should_count_utf8_bytes_as_the_encoder_does() {
    for (String text : new String[] {"", "ascii", "é", "€", "\uD83D\uDE00", "aé€\uD83D\uDE00z"}) {
      assertThat(EventLimits.utf8Length(text))
          .as(text)
          .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }
    assertThat(EventLimits.utf8Length("\uD800")).isEqualTo(3);
  }

  @Test
  void should_say_text_is_too_long_only_beyond_the_limit() {
    assertThat(EventLimits.tooLong("key", "€€", 6)).isNull();
    assertThat(EventLimits.tooLong("key", "€€a", 6))
        .isEqualTo("key is 7 bytes, more than the 6 allowed");
    assertThat(EventLimits.tooLong("key", "abcdefg", 6))
        .isEqualTo("key is 7 bytes, more than the 6 allowed");
  }

  @Test
  void should_find_lone_surrogates_only() {
    assertThat(EventLimits.loneSurrogate("a\uD83D\uDE00b")).isEqualTo(-1);
    assertThat(EventLimits.loneSurrogate("a\uD83D")).isEqualTo(1);
    assertThat(EventLimits.loneSurrogate("\uDE00\uD83D")).isEqualTo(0);
    assertThat(EventLimits.loneSurrogate("ab\uDE00")).isEqualTo(2);
  }

  @Test
  void should_bound_event_times_by_sparks_range() {
    assertThat(EventLimits.outsideEventTimes("t", EventLimits.MIN_EVENT_MILLIS)).isNull();
    assertThat(EventLimits.outsideEventTimes("t", EventLimits.MAX_EVENT_MILLIS)).isNull();
    assertThat(EventLimits.outsideEventTimes("t", EventLimits.MAX_EVENT_MILLIS + 1))
        .startsWith("field 't' is 253402300800000, outside the event times Spark supports");
  }
}
