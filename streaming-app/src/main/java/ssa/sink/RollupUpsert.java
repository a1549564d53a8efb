package ssa.sink;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.spark.connector.cql.CassandraConnector;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import ssa.rollup.RollupStage;
import ssa.rollup.RollupValue;
import ssa.rollup.StoredRollup;

/**
 * Turns a batch's partial rollups into the whole rows to upsert: reads each bucket's stored row,
 * applies the partial with {@link StoredRollup#apply}, and returns rows shaped like the rollups
 * table. Runs on the executors, reading through the connector's pooled sessions.
 */
public final class RollupUpsert implements MapPartitionsFunction<Row, Row> {
  private static final DataType MEASURE_MAP =
      DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false);

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

  /** Reads in flight at once per task: enough to hide latency without flooding one node. */
  private static final int READS_IN_FLIGHT = 128;

  private final CassandraConnector connector;
  private final String keyspace;
  private final RollupStage stage;
  private final String batch;
  private final LongAccumulator rowsWritten;

  public RollupUpsert(
      CassandraConnector connector, String keyspace, RollupStage stage, String batch,
      LongAccumulator rowsWritten) {
    this.connector = connector;
    this.keyspace = keyspace;
    this.stage = stage;
    this.batch = batch;
    this.rowsWritten = rowsWritten;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> partials) {
    List<Row> out = new ArrayList<>();
    try (CqlSession session = connector.openSession()) {
      PreparedStatement select =
          session.prepare(
              "SELECT count, error_count, sum, min, max, applied_batch, prior_count,"
                  + " prior_error_count, prior_sum, prior_min, prior_max FROM " + keyspace + "."
                  + Tables.ROLLUPS + " WHERE grain = ? AND key = ? AND period = ? AND bucket = ?");
      List<Row> chunk = new ArrayList<>(READS_IN_FLIGHT);
      while (partials.hasNext()) {
        chunk.add(partials.next());
        if (chunk.size() == READS_IN_FLIGHT || !partials.hasNext()) {
          upsertRows(session, select, chunk, out);
          chunk.clear();
        }
      }
    }
    rowsWritten.add(out.size());
    return out.iterator();
  }

  private void upsertRows(
      CqlSession session, PreparedStatement select, List<Row> partials, List<Row> out) {
    List<CompletableFuture<AsyncResultSet>> reads = new ArrayList<>(partials.size());
    for (Row partial : partials) {
      reads.add(
          session
              .executeAsync(
                  select.bind(
                      partial.getString(0),
                      partial.getString(1),
                      partial.getTimestamp(2).toInstant(),
                      partial.getTimestamp(3).toInstant()))
              .toCompletableFuture());
    }
    Timestamp now = Timestamp.from(Instant.now());
    for (int i = 0; i < partials.size(); i++) {
      Row partial = partials.get(i);
      StoredRollup stored = stored(reads.get(i).join().one());
      StoredRollup next = StoredRollup.apply(stored, stage.partialValue(partial), batch);
      out.add(toRow(partial, next, now));
    }
  }

  private static StoredRollup stored(com.datastax.oss.driver.api.core.cql.Row row) {
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

  private static Map<String, Double> measures(
      com.datastax.oss.driver.api.core.cql.Row row, String column) {
    Map<String, Double> map = row.getMap(column, String.class, Double.class);
    return map == null ? Map.of() : map;
  }

  private static Row toRow(Row partial, StoredRollup next, Timestamp now) {
    RollupValue value = next.value();
    RollupValue prior = next.prior();
    return RowFactory.create(
        partial.getString(0), partial.getString(1), partial.getTimestamp(2),
        partial.getTimestamp(3), value.count(), value.errorCount(), scala(value.sum()),
        scala(value.min()), scala(value.max()), now, next.appliedBatch(), prior.count(),
        prior.errorCount(), scala(prior.sum()), scala(prior.min()), scala(prior.max()));
  }

  private static scala.collection.Map<String, Double> scala(Map<String, Double> map) {
    return scala.jdk.javaapi.CollectionConverters.asScala(map);
  }
}
