package ssa.store;

import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ssa.rollup.Aggregate;
import ssa.rollup.DerivedFigures;
import ssa.rollup.RollupDefinition;
import ssa.rollup.RollupKey;
import ssa.rollup.RollupValue;
import ssa.rollup.StoredRollup;
import ssa.rollup.sketch.Sketch;

/**
 * The columns of a rollups row, declared once from {@link RollupKey}, the {@link Aggregate} list
 * and {@link DerivedFigures}: as the driver writes and reads them, always by name. cql/schema.cql
 * holds the same columns.
 */
public final class RollupRows {
  private static final String UPDATED_AT = "updated_at";
  private static final String APPLIED_BATCH = "applied_batch";
  private static final String AVG = "avg";
  private static final String DISTINCT = "distinct";
  private static final String QUANTILES = "quantiles";
  private static final String TIME_TO_LIVE = "row_ttl";

  /** The primary key, in order: partition (rollup, grain, key, period), then bucket. */
  private static final List<String> KEY_COLUMNS =
      List.of("rollup", "grain", "key", "period", "bucket");

  /** The columns {@link #stored} reads, for a SELECT. */
  public static final String STORED_COLUMNS = String.join(", ", storedColumns());

  private static List<String> storedColumns() {
    List<String> columns = new ArrayList<>();
    for (Aggregate aggregate : Aggregate.values()) {
      columns.add(aggregate.column());
    }
    columns.add(APPLIED_BATCH);
    for (Aggregate aggregate : Aggregate.values()) {
      columns.add(aggregate.priorColumn());
    }
    return columns;
  }

  private static List<String> writtenColumns() {
    List<String> columns = new ArrayList<>(KEY_COLUMNS);
    columns.addAll(storedColumns());
    columns.addAll(List.of(AVG, DISTINCT, QUANTILES, UPDATED_AT));
    return columns;
  }

  /**
   * INSERT of a whole row, every column named, binds as {@link #bind}. The row lives for its
   * grain's retention from this write on (TTL 0: for ever).
   */
  static String insertCql(String keyspace) {
    List<String> columns = writtenColumns();
    return "INSERT INTO "
        + keyspace
        + "."
        + Tables.ROLLUPS
        + " ("
        + String.join(", ", columns)
        + ") VALUES ("
        + String.join(", ", columns.stream().map(c -> ":" + c).toList())
        + ") USING TTL :"
        + TIME_TO_LIVE;
  }

  /**
   * The whole row of a bucket, for an {@link #insertCql} statement. The columns of an aggregate the
   * definition does not keep are left unset, so the node stores no cell for them (they read as
   * empty): a definition of counts alone, such as per_api_status, writes a third of the cells.
   */
  static BoundStatementBuilder bind(
      PreparedStatement insert,
      RollupDefinition definition,
      RollupKey key,
      StoredRollup rollup,
      Instant now) {
    BoundStatementBuilder row =
        insert
            .boundStatementBuilder()
            .setString("rollup", key.rollup())
            .setString("grain", key.grain().id())
            .setString("key", key.key())
            .setInstant("period", key.period())
            .setInstant("bucket", key.bucket())
            .setInstant(UPDATED_AT, now)
            .setString(APPLIED_BATCH, rollup.appliedBatch())
            .setInt(TIME_TO_LIVE, definition.timeToLiveSeconds(key.grain()));
    DerivedFigures derived = DerivedFigures.of(definition, rollup.value());
    if (definition.keeps(Aggregate.SUM)) {
      row = row.set(AVG, derived.avg(), Codecs.MEASURES);
    }
    if (definition.keeps(Aggregate.DISTINCT)) {
      row = row.set(DISTINCT, derived.distinct(), Codecs.COUNTS);
    }
    if (definition.keeps(Aggregate.QUANTILES)) {
      row = row.set(QUANTILES, derived.quantiles(), Codecs.MEASURES);
    }
    for (Aggregate aggregate : Aggregate.values()) {
      if (definition.keeps(aggregate)) {
        row = set(row, aggregate, aggregate.column(), rollup.value());
        row = set(row, aggregate, aggregate.priorColumn(), rollup.prior());
      }
    }
    return row;
  }

  private static BoundStatementBuilder set(
      BoundStatementBuilder row, Aggregate aggregate, String column, RollupValue value) {
    return switch (aggregate.kind()) {
      case TALLY -> row.setLong(column, value.tally(aggregate));
      case MEASURE -> row.set(column, value.measures(aggregate), Codecs.MEASURES);
      case SKETCH -> row.set(column, bytes(value.sketches(aggregate)), Codecs.SKETCHES);
    };
  }

  private static Map<String, ByteBuffer> bytes(Map<String, Sketch> sketches) {
    Map<String, ByteBuffer> bytes = new HashMap<>(sketches.size() * 2);
    sketches.forEach((field, sketch) -> bytes.put(field, ByteBuffer.wrap(sketch.toBytes())));
    return bytes;
  }

  /** The stored value of a row read with {@link #STORED_COLUMNS}, or null for no row. */
  public static StoredRollup stored(Row row) {
    if (row == null) {
      return null;
    }
    RollupValue.Builder value = RollupValue.builder();
    RollupValue.Builder prior = RollupValue.builder();
    for (Aggregate aggregate : Aggregate.values()) {
      read(row, aggregate, aggregate.column(), value);
      read(row, aggregate, aggregate.priorColumn(), prior);
    }
    return new StoredRollup(value.build(), row.getString(APPLIED_BATCH), prior.build());
  }

  private static void read(Row row, Aggregate aggregate, String column, RollupValue.Builder into) {
    switch (aggregate.kind()) {
      case TALLY -> into.tally(aggregate, row.getLong(column));
      case MEASURE -> {
        Map<String, Double> map = row.get(column, Codecs.MEASURES);
        into.measures(aggregate, map == null ? Map.of() : map);
      }
      case SKETCH -> {
        Map<String, ByteBuffer> map = row.get(column, Codecs.SKETCHES);
        Map<String, Sketch> sketches = new HashMap<>();
        if (map != null) {
          map.forEach(
              (field, bytes) -> {
                byte[] array = new byte[bytes.remaining()];
                bytes.duplicate().get(array);
                sketches.put(field, aggregate.sketchFromBytes(array));
              });
        }
        into.sketches(aggregate, sketches);
      }
    }
  }

  private RollupRows() {}
}
