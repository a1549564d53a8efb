package ssa.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import com.datastax.oss.driver.api.core.CqlSession;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import ssa.config.JobSettings;
import ssa.monitor.BatchOutcome;
import ssa.monitor.JobMetrics;
import ssa.parse.ParsedColumns;
import ssa.rollup.BatchId;
import ssa.sink.BatchStats;
import ssa.sink.CassandraSink;
import ssa.sink.ProgressStore;
import ssa.sink.RawIndex;
import ssa.sink.RollupWriter;
import ssa.sink.Sessions;
import ssa.sink.StreamProgress;

/**
 * Handles one micro-batch of parsed lines: dead letters, raw events, rollups, then progress. Each
 * step is an idempotent upsert, so when Spark runs a batch again after a failure the tables end
 * up as if it had run once.
 */
final class BatchProcessor implements VoidFunction2<Dataset<Row>, Long> {
  /** Set by Spark on the thread that runs a query's batches; stable across restarts. */
  private static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";

  private final JobSettings settings;
  private final CassandraSink sink;
  private final RollupWriter rollupWriter;
  /** On the driver only, like this handler: Spark runs foreachBatch there. */
  private final transient JobMetrics metrics;
  private transient CqlSession session;
  private transient ProgressStore progress;
  private transient RawIndex rawIndex;

  BatchProcessor(JobSettings settings, RollupWriter rollupWriter, JobMetrics metrics) {
    this.settings = settings;
    this.rollupWriter = rollupWriter;
    this.metrics = metrics;
    this.sink = new CassandraSink(settings.cassandra().keyspace());
  }

  @Override
  public void call(Dataset<Row> parsed, Long batchId) {
    Instant startedAt = Instant.now();
    String queryId = parsed.sparkSession().sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
    BatchId batch = new BatchId(queryId, batchId);
    StreamProgress before = progress().before(batch);
    Optional<Instant> watermark =
        Optional.ofNullable(before.maxEventTime()).map(t -> t.minus(settings.allowedLateness()));

    Column valid = col(ParsedColumns.ERROR).isNull();
    Column late =
        watermark
            .map(w -> valid.and(col(ParsedColumns.EVENT_TIME).lt(lit(Timestamp.from(w)))))
            .orElse(lit(false));
    parsed.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row figures =
          parsed
              .agg(
                  count(lit(1)),
                  count(when(valid, 1)),
                  count(when(late, 1)),
                  max(when(valid, col(ParsedColumns.EVENT_TIME))),
                  max(when(valid, col(ParsedColumns.RECEIVED_AT))))
              .first();
      long lines = figures.getLong(0);
      long validEvents = figures.getLong(1);
      if (lines > validEvents) {
        sink.writeDeadLetters(parsed.filter(not(valid)));
      }
      sink.writeRaw(parsed.filter(valid), rawIndex);

      long rollupRows = rollupWriter.write(parsed.filter(valid.and(not(late))), batch);
      Instant rollupsWrittenAt = Instant.now();

      StreamProgress after =
          new StreamProgress(
              batch, later(before.maxEventTime(), instant(figures, 3)), null,
              later(before.receivedUntil(), instant(figures, 4)), null);
      progress().recordProgress(batch, before, after);
      BatchStats stats =
          new BatchStats(
              queryId, batchId, lines, validEvents, lines - validEvents, figures.getLong(2),
              rollupRows, watermark.orElse(null), after.maxEventTime(), startedAt,
              Instant.now());
      progress().recordStats(stats);
      if (metrics != null) {
        metrics.batchWritten(new BatchOutcome(stats, instant(figures, 3), rollupsWrittenAt));
      }
    } finally {
      parsed.unpersist();
    }
  }

  private static Instant instant(Row row, int column) {
    return row.isNullAt(column) ? null : row.getTimestamp(column).toInstant();
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  private ProgressStore progress() {
    if (progress == null) {
      session = Sessions.open(settings.cassandra());
      progress = new ProgressStore(session, settings.cassandra().keyspace(), settings.name());
      rawIndex = new RawIndex(session, settings.cassandra().keyspace());
    }
    return progress;
  }

  /** Releases the driver-side session once the query has stopped. */
  void close() {
    if (session != null) {
      session.close();
      session = null;
      progress = null;
      rawIndex = null;
    }
  }
}
