package ssa.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import ssa.parse.ParsedColumns;

/**
 * Writes a batch's datasets to their tables through the Spark Cassandra Connector, whose write
 * knobs (concurrency, batch size, throughput cap, consistency) come from the job's settings.
 * Every write is an upsert of whole rows, so writing a batch again changes nothing.
 */
public final class CassandraSink {
  private final String keyspace;

  public CassandraSink(String keyspace) {
    this.keyspace = keyspace;
  }

  /**
   * Valid parsed events into events_raw, then their days and keys into the raw index. In that
   * order, so a reader that finds a day in the index finds its events too.
   */
  public void writeRaw(Dataset<Row> events, RawIndex index) {
    write(
        events.select(
            col(ParsedColumns.KEY).as("key"),
            col(ParsedColumns.DAY).as("day"),
            col(ParsedColumns.EVENT_TIME).as("event_time"),
            col(ParsedColumns.ID).as("id"),
            col(ParsedColumns.RECEIVED_AT).as("received_at"),
            col(ParsedColumns.MEASURES).as("measures"),
            col(ParsedColumns.ATTRIBUTES).as("attributes")),
        Tables.EVENTS_RAW);
    write(
        events.select(col(ParsedColumns.DAY).as("day"), col(ParsedColumns.KEY).as("key")).distinct(),
        Tables.RAW_DAY_KEYS);
    List<RawIndex.Delivery> deliveries =
        events
            .groupBy(col(ParsedColumns.DAY))
            .agg(max(col(ParsedColumns.RECEIVED_AT)), min(col(ParsedColumns.EVENT_TIME)))
            .collectAsList().stream()
            .map(row -> new RawIndex.Delivery(
                row.getDate(0).toLocalDate(), row.getTimestamp(1).toInstant(),
                row.getTimestamp(2).toInstant()))
            .toList();
    index.recordDeliveries(deliveries);
  }

  /** Rejected lines, with their reason, into dead_letter. */
  public void writeDeadLetters(Dataset<Row> rejected) {
    write(
        rejected.select(
            col(ParsedColumns.DAY).as("day"),
            col(ParsedColumns.RECEIVED_AT).as("received_at"),
            col(ParsedColumns.POSITION).as("position"),
            col(ParsedColumns.LINE).as("line"),
            col(ParsedColumns.ERROR).as("reason")),
        Tables.DEAD_LETTER);
  }

  /** Rows shaped like the rollups table (see {@link RollupRows#SCHEMA}). */
  public void writeRollups(Dataset<Row> rollups) {
    write(rollups, Tables.ROLLUPS);
  }

  private void write(Dataset<Row> rows, String table) {
    rows.write()
        .format("org.apache.spark.sql.cassandra")
        .options(Map.of("keyspace", keyspace, "table", table))
        .mode(SaveMode.Append)
        .save();
  }
}
