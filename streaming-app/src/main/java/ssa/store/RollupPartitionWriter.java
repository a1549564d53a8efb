package ssa.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.spark.connector.cql.CassandraConnector;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.VoidFunction;
import scala.Tuple2;
import ssa.config.CassandraSettings;
import ssa.rollup.RollupDefinition;
import ssa.rollup.RollupKey;
import ssa.rollup.StoredRollup;

/**
 * Writes the rollup rows of one Spark partition from an executor, through the same {@link
 * RollupWrites} as the stream (derived figures, retention): the incremental run's rebuilds. Whole
 * rows, so writing them again changes nothing.
 */
public final class RollupPartitionWriter
    implements VoidFunction<Iterator<Tuple2<RollupKey, StoredRollup>>> {
  private final CassandraConnector connector;
  private final String keyspace;
  private final List<RollupDefinition> definitions;
  private final String consistency;

  public RollupPartitionWriter(
      CassandraConnector connector,
      CassandraSettings cassandra,
      List<RollupDefinition> definitions) {
    this.connector = connector;
    this.keyspace = cassandra.keyspace();
    this.definitions = List.copyOf(definitions);
    this.consistency = cassandra.consistencyLevel();
  }

  @Override
  public void call(Iterator<Tuple2<RollupKey, StoredRollup>> rows) {
    try (CqlSession session = connector.openSession()) {
      RollupWrites writes =
          new RollupWrites(
              session, keyspace, definitions, DefaultConsistencyLevel.valueOf(consistency));
      writes.write(
          () ->
              new Iterator<Map.Entry<RollupKey, StoredRollup>>() {
                @Override
                public boolean hasNext() {
                  return rows.hasNext();
                }

                @Override
                public Map.Entry<RollupKey, StoredRollup> next() {
                  Tuple2<RollupKey, StoredRollup> row = rows.next();
                  return Map.entry(row._1(), row._2());
                }
              });
    }
  }
}
