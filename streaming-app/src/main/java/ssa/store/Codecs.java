package ssa.store;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The codecs of the map columns, built once. The driver finds a codec for a map value by inspecting
 * the map through reflection; per row, that was a quarter of the job's CPU (JFR profile at 50
 * keys), so every map is bound with its codec named.
 */
final class Codecs {
  /**
   * text, encoded by {@link String#getBytes}: the driver's own codec encodes through a CharBuffer,
   * char by char, which took 8% of the tasks' time (JFR profile at 50 keys). The parse stage
   * refuses lone surrogates, so every string written is valid Unicode and encodes the same either
   * way.
   */
  static final TypeCodec<String> TEXT = new Utf8Text();

  /**
   * Measure name to value: the rollups' sum, min, max, samples, avg and quantiles (events_raw's
   * maps are encoded by {@link EncodedRows}).
   */
  static final TypeCodec<Map<String, Double>> MEASURES = TypeCodecs.mapOf(TEXT, TypeCodecs.DOUBLE);

  /** Field or measure name to a serialized sketch: the rollups' sketch columns. */
  static final TypeCodec<Map<String, java.nio.ByteBuffer>> SKETCHES =
      TypeCodecs.mapOf(TEXT, TypeCodecs.BLOB);

  /** Field name to a distinct count: rollups.distinct. */
  static final TypeCodec<Map<String, Long>> COUNTS = TypeCodecs.mapOf(TEXT, TypeCodecs.BIGINT);

  private Codecs() {}

  private static final class Utf8Text implements TypeCodec<String> {
    @Override
    public GenericType<String> getJavaType() {
      return GenericType.STRING;
    }

    @Override
    public DataType getCqlType() {
      return DataTypes.TEXT;
    }

    @Override
    public ByteBuffer encode(String value, ProtocolVersion protocolVersion) {
      return value == null ? null : ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String decode(ByteBuffer bytes, ProtocolVersion protocolVersion) {
      return TypeCodecs.TEXT.decode(bytes, protocolVersion);
    }

    @Override
    public String format(String value) {
      return TypeCodecs.TEXT.format(value);
    }

    @Override
    public String parse(String value) {
      return TypeCodecs.TEXT.parse(value);
    }
  }
}
