package ssa.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.spark.connector.cql.CassandraConnector;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import ssa.config.JobSettings;
import ssa.parse.ParseStage;
import ssa.parse.ParsedColumns;
import ssa.parse.ParsedRow;

/**
 * Loads parsed events into events_raw and its index with the job's own writers, and nothing else:
 * for backfilling raw events, and for tests and benchmarks of the incremental side that need raw
 * events without rollups.
 */
public final class RawEventLoader {
  private RawEventLoader() {}

  /**
   * Writes the valid events among {@code lines} (the columns {@link ParseStage} reads), then their
   * index.
   */
  public static void load(
      Dataset<Row> lines, ParseStage parse, JobSettings settings, CqlSession session) {
    EventWriters writers =
        new CassandraEventWriters(
            CassandraConnector.apply(lines.sparkSession().sparkContext().getConf()),
            settings.cassandra());
    List<RawArrivals> parts =
        ParseStage.inputColumns(lines).javaRDD().mapPartitions(new Task(parse, writers)).collect();
    RawArrivals arrivals = new RawArrivals();
    parts.forEach(arrivals::addAll);
    new RawIndex(session, settings.cassandra().keyspace()).record(arrivals);
  }

  private record Task(ParseStage parse, EventWriters writers)
      implements FlatMapFunction<Iterator<Row>, RawArrivals> {
    @Override
    public Iterator<RawArrivals> call(Iterator<Row> lines) {
      ParsedRow parsed = new ParsedRow(ParsedColumns.schema(parse.stream()), parse.stream());
      RawArrivals arrivals = new RawArrivals();
      try (EventWriter writer = writers.open()) {
        while (lines.hasNext()) {
          Row row = parse.parse(lines.next());
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
