package ssa.store;

import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import java.util.Map;

/**
 * The codecs of the map columns, built once. The driver finds a codec for a map value by inspecting
 * the map through reflection; per row, that was a quarter of the job's CPU (JFR profile at 50
 * keys), so every map is bound with its codec named.
 */
final class Codecs {
  /**
   * Measure name to value: events_raw.measures and the rollups' sum, min, max, samples, avg and
   * quantiles.
   */
  static final TypeCodec<Map<String, Double>> MEASURES =
      TypeCodecs.mapOf(TypeCodecs.TEXT, TypeCodecs.DOUBLE);

  /** Attribute name to value: events_raw.attributes. */
  static final TypeCodec<Map<String, String>> ATTRIBUTES =
      TypeCodecs.mapOf(TypeCodecs.TEXT, TypeCodecs.TEXT);

  /** Field or measure name to a serialized sketch: the rollups' sketch columns. */
  static final TypeCodec<Map<String, java.nio.ByteBuffer>> SKETCHES =
      TypeCodecs.mapOf(TypeCodecs.TEXT, TypeCodecs.BLOB);

  /** Field name to a distinct count: rollups.distinct. */
  static final TypeCodec<Map<String, Long>> COUNTS =
      TypeCodecs.mapOf(TypeCodecs.TEXT, TypeCodecs.BIGINT);

  private Codecs() {}
}
