package ssa.parse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.sql.Timestamp;
import java.time.Duration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF3;

/**
 * Drops a parsed event whose copy was read within a window before it: the same key, id and event
 * time, which is also what makes one row of events_raw. A client that retried a request whose
 * answer it lost publishes its lines twice; counted once here, the rollups agree with the raw rows.
 * A rejected line is never a copy (two identical bad lines are two dead letters).
 *
 * <p>Spark keeps the events seen in its state store, by two independent 64-bit hashes (16 bytes an
 * event; a collision among 10 million events is about 1 in 10^24), versioned with the checkpoint,
 * so a replayed batch drops the same copies. The window runs on each batch's own time, which Spark
 * logs for a replay, not on event or record times: a watermark on those would drop, as late, every
 * record of a partition read more than the window behind another.
 */
public final class EventCopies {
  private static final String HASH = "__copy_hash";
  private static final String HASH_2 = "__copy_hash_2";
  private static final String READ_AT = "__read_at";

  /**
   * The lines without copies, each with its parsed row in {@link ParseStage#PARSED_COLUMN}: parsed
   * here for its key, id and time, and not again in the batch task.
   */
  public static Dataset<Row> dropped(Dataset<Row> lines, Duration window, ParseStage parse) {
    Column parsed = col(ParseStage.PARSED_COLUMN);
    Column valid = parsed.getField(ParsedColumns.ERROR).isNull();
    Column key = parsed.getField(ParsedColumns.KEY);
    Column id = parsed.getField(ParsedColumns.ID);
    Column time = parsed.getField(ParsedColumns.EVENT_TIME);
    Dataset<Row> hashed =
        lines
            .withColumn(
                ParseStage.PARSED_COLUMN,
                udf(
                        (UDF3<String, Timestamp, Long, Row>) parse::parse,
                        ParsedColumns.schema(parse.stream()))
                    .apply(
                        col(ParseStage.LINE_COLUMN),
                        col(ParseStage.RECEIVED_COLUMN),
                        col(ParseStage.POSITION_COLUMN)))
            // A rejected line keeps its own position: no other line has it.
            .withColumn(
                HASH,
                when(valid, xxhash64(key, id, time)).otherwise(col(ParseStage.POSITION_COLUMN)))
            .withColumn(
                HASH_2, when(valid, xxhash64(lit("ssa"), key, id, time)).otherwise(lit(0L)));
    if (!lines.isStreaming()) {
      // A static Dataset (a test's) is one batch: its copies are simply its duplicates.
      return hashed.dropDuplicates(HASH, HASH_2).drop(HASH, HASH_2);
    }
    return hashed
        .withColumn(READ_AT, current_timestamp())
        .withWatermark(READ_AT, window.toMillis() + " milliseconds")
        .dropDuplicatesWithinWatermark(HASH, HASH_2)
        .drop(HASH, HASH_2, READ_AT);
  }

  private EventCopies() {}
}
