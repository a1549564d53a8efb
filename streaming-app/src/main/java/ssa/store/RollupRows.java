package ssa.store;

import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import ssa.rollup.Aggregate;
import ssa.rollup.Grain;
import ssa.rollup.RollupKey;
import ssa.rollup.RollupValue;
import ssa.rollup.StoredRollup;

/**
 * The columns of a rollups row, declared once from {@link RollupKey} and the {@link Aggregate}
 * list: as Spark writes them through the connector, as the driver writes and reads them, always by
 * name. cql/schema.cql holds the same columns.
 */
public final class RollupRows {
  private static final DataType MEASURE_MAP =
      DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false);
  private static final String UPDATED_AT = "updated_at";
  private static final String APPLIED_BATCH = "applied_batch";

  /** The primary key, in order: partition (grain, key, period), then bucket. */
  public static final List<String> KEY_COLUMNS = List.of("grain", "key", "period", "bucket");

  /** The whole row, as written through the connector. */
  public static final StructType SCHEMA = schema();

  /** The columns {@link #stored} reads, for a SELECT. */
  public static final String STORED_COLUMNS = String.join(", ", storedColumns());

  private static StructType schema() {
    StructType schema =
        new StructType()
            .add("grain", DataTypes.StringType, false)
            .add("key", DataTypes.StringType, false)
            .add("period", DataTypes.TimestampType, false)
            .add("bucket", DataTypes.TimestampType, false);
    for (Aggregate aggregate : Aggregate.values()) {
      schema = schema.add(aggregate.column(), type(aggregate), false);
    }
    schema =
        schema
            .add(UPDATED_AT, DataTypes.TimestampType, false)
            .add(APPLIED_BATCH, DataTypes.StringType, false);
    for (Aggregate aggregate : Aggregate.values()) {
      schema = schema.add(aggregate.priorColumn(), type(aggregate), false);
    }
    return schema;
  }

  private static DataType type(Aggregate aggregate) {
    return aggregate.kind() == Aggregate.Kind.TALLY ? DataTypes.LongType : MEASURE_MAP;
  }

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

  /** INSERT of a whole row, every column named, binds as {@link #bind}. */
  static String insertCql(String keyspace) {
    List<String> columns = List.of(SCHEMA.fieldNames());
    return "INSERT INTO "
        + keyspace
        + "."
        + Tables.ROLLUPS
        + " ("
        + String.join(", ", columns)
        + ") VALUES ("
        + String.join(", ", columns.stream().map(c -> ":" + c).toList())
        + ")";
  }

  /** The whole row of a bucket, for an {@link #insertCql} statement. */
  static BoundStatementBuilder bind(
      PreparedStatement insert, RollupKey key, StoredRollup rollup, Instant now) {
    BoundStatementBuilder row =
        insert
            .boundStatementBuilder()
            .setString("grain", key.grain().id())
            .setString("key", key.key())
            .setInstant("period", key.period())
            .setInstant("bucket", key.bucket())
            .setInstant(UPDATED_AT, now)
            .setString(APPLIED_BATCH, rollup.appliedBatch());
    for (Aggregate aggregate : Aggregate.values()) {
      row = set(row, aggregate, aggregate.column(), rollup.value());
      row = set(row, aggregate, aggregate.priorColumn(), rollup.prior());
    }
    return row;
  }

  private static BoundStatementBuilder set(
      BoundStatementBuilder row, Aggregate aggregate, String column, RollupValue value) {
    return aggregate.kind() == Aggregate.Kind.TALLY
        ? row.setLong(column, value.tally(aggregate))
        : row.set(column, value.measures(aggregate), Codecs.MEASURES);
  }

  /** The stored value of a row read with {@link #STORED_COLUMNS}, or null for no row. */
  public static StoredRollup stored(com.datastax.oss.driver.api.core.cql.Row row) {
    if (row == null) {
      return null;
    }
    RollupValue.Builder value = RollupValue.builder();
    RollupValue.Builder prior = RollupValue.builder();
    for (Aggregate aggregate : Aggregate.values()) {
      if (aggregate.kind() == Aggregate.Kind.TALLY) {
        value.tally(aggregate, row.getLong(aggregate.column()));
        prior.tally(aggregate, row.getLong(aggregate.priorColumn()));
      } else {
        value.measures(aggregate, measures(row, aggregate.column()));
        prior.measures(aggregate, measures(row, aggregate.priorColumn()));
      }
    }
    return new StoredRollup(value.build(), row.getString(APPLIED_BATCH), prior.build());
  }

  /** The Spark row of a bucket, in {@link #SCHEMA} order. */
  public static Row toRow(RollupKey key, StoredRollup rollup, Timestamp now) {
    List<Object> values = new ArrayList<>(SCHEMA.size());
    values.add(key.grain().id());
    values.add(key.key());
    values.add(Timestamp.from(key.period()));
    values.add(Timestamp.from(key.bucket()));
    for (Aggregate aggregate : Aggregate.values()) {
      values.add(sparkValue(aggregate, rollup.value()));
    }
    values.add(now);
    values.add(rollup.appliedBatch());
    for (Aggregate aggregate : Aggregate.values()) {
      values.add(sparkValue(aggregate, rollup.prior()));
    }
    return RowFactory.create(values.toArray());
  }

  /** The key of a Spark row in {@link #SCHEMA} (or any schema with the key columns), by name. */
  public static RollupKey key(Row row) {
    return new RollupKey(
        Grain.byId(row.getAs("grain")), row.getAs("key"),
        row.<Timestamp>getAs("period").toInstant(), row.<Timestamp>getAs("bucket").toInstant());
  }

  private static Object sparkValue(Aggregate aggregate, RollupValue value) {
    return aggregate.kind() == Aggregate.Kind.TALLY
        ? (Object) value.tally(aggregate)
        : scala.jdk.javaapi.CollectionConverters.asScala(value.measures(aggregate));
  }

  private static Map<String, Double> measures(
      com.datastax.oss.driver.api.core.cql.Row row, String column) {
    Map<String, Double> map = row.get(column, Codecs.MEASURES);
    return map == null ? Map.of() : map;
  }

  private RollupRows() {}
}
