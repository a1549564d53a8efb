package ssa.incremental;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.spark.connector.cql.CassandraConnector;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import ssa.config.JobSettings;
import ssa.job.StreamingJob;
import ssa.parse.ParsedColumns;
import ssa.rollup.ErrorCondition;
import ssa.rollup.Grain;
import ssa.rollup.RollupDefinition;
import ssa.rollup.RollupKey;
import ssa.rollup.StoredRollup;
import ssa.store.ProgressStore;
import ssa.store.RawIndex;
import ssa.store.RawIndex.DayArrival;
import ssa.store.RollupPartitionWriter;
import ssa.store.RollupRewrites;
import ssa.store.SchemaApplier;
import ssa.store.Sessions;

/**
 * Re-summarizes rollups from events_raw, incrementally: reads only the day partitions of the {@link
 * IncrementalPlan}, rebuilds whole minute rollups from the events, then each coarser grain from the
 * one below, and commits where it stands last, so a failed run commits nothing and the next run
 * starts from the same place.
 */
public final class IncrementalJob {
  private final JobSettings settings;

  public IncrementalJob(JobSettings settings) {
    this.settings = settings;
  }

  public IncrementalReport run(SparkSession spark, IncrementalOptions options) {
    Instant started = Instant.now();
    String keyspace = settings.cassandra().keyspace();
    try (CqlSession session = Sessions.open(settings.cassandra())) {
      SchemaApplier.apply(session, keyspace, settings.cassandra().replication());
      IncrementalStateStore states = new IncrementalStateStore(session, keyspace);
      RawIndex index = new RawIndex(session, keyspace);
      Optional<IncrementalState> state =
          options.backfill() ? Optional.empty() : states.read(options.id());
      List<DayArrival> days = index.days();
      ArrivalHorizon horizon =
          ArrivalHorizon.of(
              new ProgressStore(session, keyspace, settings.name()).latest(), days, options.id());
      IncrementalPlan plan =
          IncrementalPlan.of(
              state,
              options.period(),
              options.lookBack(),
              days,
              index::earliestEventSince,
              options.from(),
              options.to());
      List<Row> partitions = new ArrayList<>();
      for (IncrementalPlan.DayRead read : plan.reads()) {
        for (String key : index.keys(read.day())) {
          partitions.add(
              RowFactory.create(
                  key,
                  Date.valueOf(read.day()),
                  Timestamp.from(read.from()),
                  Timestamp.from(read.until())));
        }
      }

      CassandraConnector connector = CassandraConnector.apply(spark.sparkContext().getConf());
      Dataset<Row> read =
          spark
              .createDataFrame(partitions, RawEventReader.PARTITIONS)
              .repartition(Math.max(1, Math.min(partitions.size(), settings.shufflePartitions())))
              .mapPartitions(
                  new RawEventReader(connector, keyspace, settings.stream()),
                  Encoders.row(ParsedColumns.schema(settings.stream())))
              .persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> events = read.filter(included(horizon)).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        long rawRows = read.count();
        Row figures =
            events
                .agg(
                    count(lit(1)).as("events"),
                    min(col(ParsedColumns.EVENT_TIME)).as("earliest"),
                    max(col(ParsedColumns.EVENT_TIME)).as("newest"))
                .first();
        RollupRewrites rewrites = new RollupRewrites(session, keyspace);
        rewrites.mark();
        Map<Grain, Long> written =
            rebuild(
                events, StreamingJob.errorCondition(spark, settings.stream()), horizon, connector);
        rewrites.mark();
        Instant earliest = instant(figures, "earliest");
        Instant newest = instant(figures, "newest");
        IncrementalState committed = null;
        if (!options.backfill()) {
          committed =
              new IncrementalState(
                  options.id(),
                  options.period(),
                  lastPeriodStart(options.period(), plan.windowStart(), newest),
                  horizon.receivedUntil() != null
                      ? horizon.receivedUntil()
                      : state.map(IncrementalState::receivedUntil).orElse(null),
                  Instant.now());
        }
        IncrementalReport report =
            new IncrementalReport(
                options.id(),
                options.period(),
                plan.days(),
                partitions.size(),
                rawRows,
                figures.<Long>getAs("events"),
                earliest,
                newest,
                written,
                committed,
                Duration.between(started, Instant.now()));
        if (committed != null) {
          states.commit(committed, report);
        }
        return report;
      } finally {
        events.unpersist();
        read.unpersist();
      }
    }
  }

  /**
   * Writes each rollup's finest grain from the events, then each coarser grain it keeps from the
   * one below. Returns the rows written per grain, all rollups together.
   */
  private Map<Grain, Long> rebuild(
      Dataset<Row> events,
      ErrorCondition errorCondition,
      ArrivalHorizon horizon,
      CassandraConnector connector) {
    List<RollupDefinition> rollups = settings.rollups();
    RollupPartitionWriter writer =
        new RollupPartitionWriter(connector, settings.cassandra(), rollups);
    Map<Grain, Long> written = new EnumMap<>(Grain.class);
    JavaPairRDD<RollupKey, StoredRollup> finest =
        new FinestRebuild(settings.stream(), errorCondition, rollups, horizon)
            .rows(events)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      for (RollupDefinition rollup : rollups) {
        String name = rollup.name();
        JavaPairRDD<RollupKey, StoredRollup> rows =
            finest.filter(r -> r._1().rollup().equals(name));
        List<JavaPairRDD<RollupKey, StoredRollup>> cascade = new ArrayList<>();
        for (Grain grain : rollup.grains()) {
          if (grain != rollup.finest()) {
            rows =
                rows.keys()
                    .map(key -> key.in(grain))
                    .distinct()
                    .mapPartitionsToPair(
                        new CascadeRebuild(
                            connector, settings.cassandra().keyspace(), rollup, grain, horizon))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            cascade.add(rows);
          }
          // Counted from the rows themselves: a retried task would count twice in an accumulator.
          long count = rows.count();
          if (count == 0) {
            break;
          }
          rows.foreachPartition(writer);
          written.merge(grain, count, Long::sum);
        }
        cascade.forEach(JavaPairRDD::unpersist);
      }
    } finally {
      finest.unpersist();
    }
    return written;
  }

  private static Column included(ArrivalHorizon horizon) {
    return horizon.receivedUntil() == null
        ? lit(false)
        : col(ParsedColumns.RECEIVED_AT).leq(lit(Timestamp.from(horizon.receivedUntil())));
  }

  /**
   * The period to read again next time: the one holding the newest event summarized (or now, for
   * events dated in the future), never earlier than where the run started.
   */
  private static Instant lastPeriodStart(Grain period, Instant windowStart, Instant newest) {
    if (newest == null) {
      return windowStart;
    }
    Instant now = Instant.now();
    Instant latest = period.bucketStart(newest.isAfter(now) ? now : newest);
    return windowStart != null && windowStart.isAfter(latest) ? windowStart : latest;
  }

  private static Instant instant(Row row, String column) {
    Timestamp time = row.getAs(column);
    return time == null ? null : time.toInstant();
  }
}
