package ssa.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each value EncodedRows writes itself is what the driver's codec for its CQL type encodes. */
class EncodedRowsTest {
  private static final ProtocolVersion PROTOCOL = ProtocolVersion.V5;
  private static final TypeCodec<Map<String, Double>> TEXT_TO_DOUBLE =
      TypeCodecs.mapOf(TypeCodecs.TEXT, TypeCodecs.DOUBLE);
  private static final TypeCodec<Map<String, String>> TEXT_TO_TEXT =
      TypeCodecs.mapOf(TypeCodecs.TEXT, TypeCodecs.TEXT);

  @Test
  void writesEachTypeAsTheDriversCodecDoes() {
    List<String> texts =
        List.of("", "/api/v1/res-007", "caf\u00e9", "\u65e5\u672c", "a\uD83D\uDE00b");
    List<Instant> times =
        List.of(
            Instant.EPOCH,
            Instant.parse("2026-12-07T19:33:14.999Z"),
            Instant.parse("1901-03-04T05:06:07.123Z"));
    List<LocalDate> days =
        List.of(LocalDate.EPOCH, LocalDate.of(2026, 12, 7), LocalDate.of(1850, 1, 31));
    Map<String, Double> measures = new LinkedHashMap<>();
    measures.put("latency_ms", 12.345);
    measures.put("bytes", -0.0);
    measures.put("r\u00e9seau", Double.NaN);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("client", "client-07");
    attributes.put("", "\u00fc");

    EncodedRows rows = new EncodedRows(null);
    List<ByteBuffer> expected = new ArrayList<>();
    for (String text : texts) {
      rows.text(text);
      expected.add(TypeCodecs.TEXT.encode(text, PROTOCOL));
    }
    for (Instant time : times) {
      rows.timestamp(time);
      expected.add(TypeCodecs.TIMESTAMP.encode(time, PROTOCOL));
    }
    for (LocalDate day : days) {
      rows.date(day);
      expected.add(TypeCodecs.DATE.encode(day, PROTOCOL));
    }
    for (byte hour : new byte[] {0, 23, -128, 127}) {
      rows.tinyint(hour);
      expected.add(TypeCodecs.TINYINT.encode(hour, PROTOCOL));
    }
    for (long position : new long[] {0, 1L << 40, -7, Long.MAX_VALUE}) {
      rows.bigint(position);
      expected.add(TypeCodecs.BIGINT.encode(position, PROTOCOL));
    }
    for (Map<String, Double> map : List.of(measures, Map.<String, Double>of())) {
      rows.textToDouble(map);
      expected.add(TEXT_TO_DOUBLE.encode(map, PROTOCOL));
    }
    for (Map<String, String> map : List.of(attributes, Map.<String, String>of())) {
      rows.textToText(map);
      expected.add(TEXT_TO_TEXT.encode(map, PROTOCOL));
    }
    rows.text(null).timestamp(null).date(null).textToDouble(null).textToText(null);
    expected.addAll(Arrays.asList(null, null, null, null, null));

    List<ByteBuffer> written = new ArrayList<>();
    rows.values().forEachRemaining(written::add);
    assertThat(written).containsExactlyElementsOf(expected);
  }

  @Test
  void refusesANullInsideAMap() {
    Map<String, Double> measures = new HashMap<>();
    measures.put("latency_ms", null);
    assertThatThrownBy(() -> new EncodedRows(null).textToDouble(measures))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
  }
}
