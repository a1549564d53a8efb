package ssa.sink;

import java.io.Serializable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import ssa.rollup.BatchId;

/**
 * How a batch's rollups reach Cassandra. The job uses {@link UpsertRollupWriter}; benchmarks put
 * the obvious alternatives in its place to compare against.
 */
public interface RollupWriter extends Serializable {
  /**
   * Writes the rollups of a batch's on-time events (parsed columns, valid, not late).
   *
   * @return rollup rows written
   */
  long write(Dataset<Row> onTimeEvents, BatchId batch);
}
