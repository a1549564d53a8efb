package ssa.store;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes rollup rows computed as a Dataset (the incremental run's rebuilds) through the Spark
 * Cassandra Connector, whose write knobs come from the job's settings. Whole rows, so writing them
 * again changes nothing.
 */
public final class RollupDatasetWriter {
  private final String keyspace;

  public RollupDatasetWriter(String keyspace) {
    this.keyspace = keyspace;
  }

  /** Rows shaped like the rollups table (see {@link RollupRows#SCHEMA}). */
  public void write(Dataset<Row> rollups) {
    rollups
        .write()
        .format("org.apache.spark.sql.cassandra")
        .options(Map.of("keyspace", keyspace, "table", Tables.ROLLUPS))
        .mode(SaveMode.Append)
        .save();
  }
}
