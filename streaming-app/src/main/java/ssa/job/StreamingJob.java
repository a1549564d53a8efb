package ssa.job;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.spark.connector.cql.CassandraConnector;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import ssa.config.JobSettings;
import ssa.parse.ParseStage;
import ssa.sink.SchemaApplier;
import ssa.sink.Sessions;
import ssa.source.LineSource;

/** Wires the stages: source, parse, then per batch the rollup and the sinks. */
public final class StreamingJob {
  private final JobSettings settings;

  public StreamingJob(JobSettings settings) {
    this.settings = settings;
  }

  /** Spark settings the job relies on; the master comes from spark-submit or the caller. */
  public SparkSession.Builder configure(SparkSession.Builder builder) {
    return SparkSessions.configure(builder, settings, "ssa-" + settings.name());
  }

  /** Makes sure the tables exist, then starts the query on the configured source. */
  public StreamingQuery start(SparkSession spark) throws TimeoutException {
    try (CqlSession session = Sessions.open(settings.cassandra())) {
      SchemaApplier.apply(
          session, settings.cassandra().keyspace(), settings.cassandra().replication());
    }
    return start(spark, LineSource.open(spark, settings.source()));
  }

  /** Starts the query on the given stream of lines (columns as {@link ParseStage} expects). */
  public StreamingQuery start(SparkSession spark, Dataset<Row> lines) throws TimeoutException {
    BatchProcessor batches =
        new BatchProcessor(settings, CassandraConnector.apply(spark.sparkContext().getConf()));
    StreamingQuery query =
        new ParseStage(settings.stream())
            .apply(lines)
            .writeStream()
            .queryName(settings.name())
            .trigger(Trigger.ProcessingTime(settings.triggerInterval().toMillis()))
            .option("checkpointLocation", settings.checkpointLocation())
            .foreachBatch(batches)
            .start();
    spark.streams().addListener(new SessionCloser(query.id(), batches::close));
    return query;
  }
}
