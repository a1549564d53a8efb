package ssa.sink;

import java.sql.Timestamp;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import ssa.rollup.RollupValue;
import ssa.rollup.StoredRollup;

/** Rows of the rollups table: as Spark writes them, and as the driver reads them back. */
public final class RollupRows {
  private static final DataType MEASURE_MAP =
      DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false);

  /** The whole row, as written through the connector. */
  public static final StructType SCHEMA =
      new StructType()
          .add("grain", DataTypes.StringType, false)
          .add("key", DataTypes.StringType, false)
          .add("period", DataTypes.TimestampType, false)
          .add("bucket", DataTypes.TimestampType, false)
          .add("count", DataTypes.LongType, false)
          .add("error_count", DataTypes.LongType, false)
          .add("sum", MEASURE_MAP, false)
          .add("min", MEASURE_MAP, false)
          .add("max", MEASURE_MAP, false)
          .add("updated_at", DataTypes.TimestampType, false)
          .add("applied_batch", DataTypes.StringType, false)
          .add("prior_count", DataTypes.LongType, false)
          .add("prior_error_count", DataTypes.LongType, false)
          .add("prior_sum", MEASURE_MAP, false)
          .add("prior_min", MEASURE_MAP, false)
          .add("prior_max", MEASURE_MAP, false);

  /** The columns {@link #stored} reads, for a SELECT. */
  public static final String STORED_COLUMNS =
      "count, error_count, sum, min, max, applied_batch, prior_count, prior_error_count,"
          + " prior_sum, prior_min, prior_max";

  /** The stored value of a row read with {@link #STORED_COLUMNS}, or null for no row. */
  public static StoredRollup stored(com.datastax.oss.driver.api.core.cql.Row row) {
    if (row == null) {
      return null;
    }
    RollupValue value =
        new RollupValue(
            row.getLong("count"), row.getLong("error_count"), measures(row, "sum"),
            measures(row, "min"), measures(row, "max"));
    RollupValue prior =
        new RollupValue(
            row.getLong("prior_count"), row.getLong("prior_error_count"),
            measures(row, "prior_sum"), measures(row, "prior_min"), measures(row, "prior_max"));
    return new StoredRollup(value, row.getString("applied_batch"), prior);
  }

  /** The row to write for a bucket. */
  public static Row toRow(
      String grain, String key, Timestamp period, Timestamp bucket, StoredRollup rollup,
      Timestamp now) {
    RollupValue value = rollup.value();
    RollupValue prior = rollup.prior();
    return RowFactory.create(
        grain, key, period, bucket, value.count(), value.errorCount(), scala(value.sum()),
        scala(value.min()), scala(value.max()), now, rollup.appliedBatch(), prior.count(),
        prior.errorCount(), scala(prior.sum()), scala(prior.min()), scala(prior.max()));
  }

  private static Map<String, Double> measures(
      com.datastax.oss.driver.api.core.cql.Row row, String column) {
    Map<String, Double> map = row.getMap(column, String.class, Double.class);
    return map == null ? Map.of() : map;
  }

  private static scala.collection.Map<String, Double> scala(Map<String, Double> map) {
    return scala.jdk.javaapi.CollectionConverters.asScala(map);
  }

  private RollupRows() {}
}
