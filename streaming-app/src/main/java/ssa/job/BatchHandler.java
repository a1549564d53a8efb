package ssa.job;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import ssa.monitor.BatchOutcome;
import ssa.monitor.JobMetrics;
import ssa.parse.ParseStage;
import ssa.parse.StreamSchema;
import ssa.publish.Alerts;
import ssa.rollup.BatchId;
import ssa.rollup.BatchRollups;
import ssa.rollup.ErrorCondition;
import ssa.rollup.EventClassifier;
import ssa.rollup.EventClassifier.Verdict;
import ssa.rollup.RollupDefinition;
import ssa.rollup.RollupKey;
import ssa.rollup.RollupValue;
import ssa.rollup.StoredRollup;
import ssa.store.BatchStats;
import ssa.store.BatchStore;
import ssa.store.StreamProgress;

/**
 * Sequences one micro-batch of lines: one pass over them in the tasks ({@link BatchTask}: parse,
 * classify, write raw events and dead letters, sum the rollups), then on the driver the rollups,
 * the alerts they fire, the raw index, and last the progress. Each step is an idempotent upsert and
 * progress comes last, so when Spark runs a batch again after a failure the tables end up as if it
 * had run once.
 */
final class BatchHandler implements VoidFunction2<Dataset<Row>, Long> {
  /** Set by Spark on the thread that runs a query's batches; stable across restarts. */
  private static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";

  private final StreamSchema stream;
  private final ParseStage parse;
  private final ErrorCondition errorCondition;
  private final List<RollupDefinition> rollups;
  private final Duration allowedLateness;
  private final Duration futureSkew;
  private final String jobName;

  /** On the driver only, like this handler: Spark runs foreachBatch there. */
  private final transient BatchStore store;

  private final transient Alerts alerts;
  private final transient JobMetrics metrics;

  BatchHandler(
      StreamSchema stream,
      ParseStage parse,
      ErrorCondition errorCondition,
      List<RollupDefinition> rollups,
      Duration allowedLateness,
      Duration futureSkew,
      String jobName,
      BatchStore store,
      Alerts alerts,
      JobMetrics metrics) {
    this.stream = stream;
    this.parse = parse;
    this.errorCondition = errorCondition;
    this.rollups = List.copyOf(rollups);
    this.allowedLateness = allowedLateness;
    this.futureSkew = futureSkew;
    this.jobName = jobName;
    this.store = store;
    this.alerts = alerts;
    this.metrics = metrics;
  }

  @Override
  public void call(Dataset<Row> lines, Long batchId) {
    try {
      handle(lines, batchId);
    } catch (RuntimeException e) {
      // Spark ends the query: what this batch held back must not be written after it.
      store.forgetHeldRollups();
      throw e;
    }
  }

  private void handle(Dataset<Row> lines, long batchId) {
    Instant startedAt = Instant.now();
    String queryId = lines.sparkSession().sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
    BatchId batch = new BatchId(queryId == null ? jobName : queryId, batchId);
    Optional<StreamProgress> latest = store.latestProgress();
    boolean replayed = latest.map(p -> batch.equals(p.appliedBatch())).orElse(false);
    StreamProgress before = latest.map(p -> p.before(batch)).orElse(StreamProgress.NONE);
    EventClassifier classifier =
        new EventClassifier(
            EventClassifier.watermark(before.maxEventTime(), allowedLateness), futureSkew);

    Map<String, Long> steps = new LinkedHashMap<>();
    long stepStart = System.nanoTime();
    BatchSummary summary = summarize(lines, classifier);
    stepStart = step(steps, "tasks", stepStart);
    Map<RollupKey, RollupValue> partials = summary.rollups.values();
    Instant newestBucket = latest.map(StreamProgress::newestRollupBucket).orElse(null);
    Map<RollupKey, StoredRollup> written =
        partials.isEmpty() ? Map.of() : store.upsertRollups(partials, batch, newestBucket);
    Instant rollupsWrittenAt = Instant.now();
    stepStart = step(steps, "rollups", stepStart);
    StreamProgress after =
        new StreamProgress(
            batch,
            BatchSummary.later(before.maxEventTime(), summary.newestProgress),
            null,
            BatchSummary.later(before.receivedUntil(), summary.newestReceived),
            null,
            partials.keySet().stream()
                .map(RollupKey::bucket)
                .reduce(newestBucket, BatchSummary::later));
    alerts.judge(
        written,
        classifier.watermark(),
        EventClassifier.watermark(after.maxEventTime(), allowedLateness),
        batch);
    stepStart = step(steps, "alerts", stepStart);
    store.recordArrivals(summary.arrivals);

    store.recordProgress(batch, before, after);
    long total = summary.totalLines();
    long deadLetters = summary.lines(Verdict.DEAD_LETTER);
    BatchStats stats =
        new BatchStats(
            batch.queryId(),
            batchId,
            total,
            total - deadLetters,
            deadLetters,
            summary.lines(Verdict.LATE),
            summary.lines(Verdict.FUTURE),
            written.size(),
            classifier.watermark(),
            after.maxEventTime(),
            startedAt,
            Instant.now(),
            replayed);
    store.recordStats(stats);
    step(steps, "index and progress", stepStart);
    if (metrics != null) {
      metrics.batchWritten(
          new BatchOutcome(stats, summary.newestProgress, rollupsWrittenAt, steps));
    }
  }

  private static long step(Map<String, Long> steps, String name, long startedNanos) {
    long now = System.nanoTime();
    steps.put(name, (now - startedNanos) / 1_000_000);
    return now;
  }

  /**
   * The one Spark job of a batch: every task's summary, merged. The tasks read the lines in Spark's
   * own format, as the source made them, not converted into {@code Row}s first.
   */
  private BatchSummary summarize(Dataset<Row> lines, EventClassifier classifier) {
    BatchTask task =
        new BatchTask(
            lines.schema(), stream, parse, errorCondition, rollups, classifier, store.events());
    List<BatchSummary> parts =
        lines.queryExecution().toRdd().toJavaRDD().mapPartitions(task).collect();
    BatchSummary summary = new BatchSummary(BatchRollups.allGrains(rollups));
    parts.forEach(summary::merge);
    return summary;
  }
}
