package ssa.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.spark.connector.cql.CassandraConnector;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import ssa.config.JobSettings;
import ssa.parse.ParsedRow;
import ssa.parse.StreamSchema;

/**
 * Loads parsed events into events_raw and its index with the job's own writers, and nothing else:
 * for backfilling raw events, and for tests and benchmarks of the incremental side that need raw
 * events without rollups.
 */
public final class RawEventLoader {
  private RawEventLoader() {}

  /** Writes the valid events of {@code parsed} (columns of the parse stage), then their index. */
  public static void load(Dataset<Row> parsed, JobSettings settings, CqlSession session) {
    EventWriters writers =
        new CassandraEventWriters(
            CassandraConnector.apply(parsed.sparkSession().sparkContext().getConf()),
            settings.cassandra());
    List<RawArrivals> parts =
        parsed
            .javaRDD()
            .mapPartitions(new Task(parsed.schema(), settings.stream(), writers))
            .collect();
    RawArrivals arrivals = new RawArrivals();
    parts.forEach(arrivals::addAll);
    new RawIndex(session, settings.cassandra().keyspace()).record(arrivals);
  }

  private record Task(StructType schema, StreamSchema stream, EventWriters writers)
      implements FlatMapFunction<Iterator<Row>, RawArrivals> {
    @Override
    public Iterator<RawArrivals> call(Iterator<Row> rows) {
      ParsedRow parsed = new ParsedRow(schema, stream);
      RawArrivals arrivals = new RawArrivals();
      try (EventWriter writer = writers.open()) {
        while (rows.hasNext()) {
          Row row = rows.next();
          if (parsed.error(row) == null) {
            RawEvent event = RawEvent.of(parsed, row);
            writer.raw(event);
            arrivals.add(event.key(), event.eventTime(), event.receivedAt());
          }
        }
      }
      return List.of(arrivals).iterator();
    }
  }
}
