package ssa.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.spark.connector.cql.CassandraConnector;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ssa.job.StreamingJob;
import ssa.launcher.cassandra.LocalCassandraExtension;
import ssa.rollup.Alert;
import ssa.rollup.BatchId;
import ssa.rollup.Grain;
import ssa.rollup.RollupKey;
import ssa.rollup.RollupValue;
import ssa.rollup.StoredRollup;
import ssa.store.BatchStats;
import ssa.store.BatchStore;
import ssa.store.CassandraStore;
import ssa.store.EventWriters;
import ssa.store.RawArrivals;
import ssa.store.StreamProgress;

/**
 * Batches that Spark runs again after some or all of their writes landed, stopped where a plain
 * restart cannot aim: between the job's progress record and Spark's checkpoint commit, and between
 * a batch's first rollup rows in new buckets and its progress record (the job does not read such
 * buckets back, so the replay must write what the first run wrote).
 */
@ExtendWith(LocalCassandraExtension.class)
class ReplayIT {
  private static final long FAIL_AFTER_BATCH = 2;

  @Test
  void should_count_every_event_once_when_a_fully_written_batch_is_replayed() throws Exception {
    long total = 12_000;
    try (WebhookReceiver webhook = WebhookReceiver.start();
        GeneratedStream stream =
            GeneratedStream.start(
                "it_replay",
                Map.of(
                    "count",
                    total,
                    "rate",
                    2_000,
                    "keys",
                    6,
                    "seed",
                    31,
                    "id",
                    "it6",
                    "start-time",
                    "2026-01-31T23:59:55Z",
                    "malformed.fraction",
                    0.01,
                    "out-of-order.fraction",
                    0.0),
                "source.max-lines-per-batch = 2000\n"
                    // Coarser rows held back, so the failed runs leave some noted, not written.
                    + "rollup.coarse-write-interval = 1 hour\n"
                    + "rollup.coarse-write-min-rows = 0\n"
                    + "alert { rules = [ { name = errors, rollup = per_api, grain = minute,"
                    + " when = \"error_count > 0\" } ], webhook.url = \""
                    + webhook.url()
                    + "\" }")) {
      AtomicBoolean failed = new AtomicBoolean();
      AtomicBoolean failedInNewBuckets = new AtomicBoolean();
      // Each stop ends a query; the next one starts from the checkpoint and replays the batch.
      for (int run = 0; run < 2; run++) {
        StreamingQuery stopping =
            ItSupport.startQuery(
                stream.settings,
                (settings, spark) ->
                    new FailAfterStats(
                        CassandraStore.open(
                            settings, CassandraConnector.apply(spark.sparkContext().getConf())),
                        failed,
                        failedInNewBuckets));
        Awaitility.await().atMost(ItSupport.PIPELINE_TIMEOUT).until(() -> !stopping.isActive());
      }
      assertThat(failed)
          .as("the store stopped the query after batch %d", FAIL_AFTER_BATCH)
          .isTrue();
      assertThat(failedInNewBuckets)
          .as("the store stopped the query after writing rollups in new buckets")
          .isTrue();

      // Both stops came with hour, day, month and year rows held back, noted and not written.
      assertThat(ItSupport.pendingNotes(stream.session, stream.settings.name()))
          .as("notes of held-back rows left by the failed runs")
          .isPositive();

      StreamingQuery second = stream.startQuery();
      try {
        assertThat(stream.generator.awaitCompletion(ItSupport.PIPELINE_TIMEOUT)).isTrue();
        ItSupport.awaitQuiet(second, stream.session, stream.settings.name());
      } finally {
        StreamingJob.stop(second);
      }
      assertThat(ItSupport.replayedBatches(stream.session, stream.settings.name()))
          .as("batches replayed after being recorded")
          .isEqualTo(1);
      RollupAssertions.assertRollupsMatch(stream.session, stream.expected());
      assertThat(ItSupport.pendingNotes(stream.session, stream.settings.name()))
          .as("notes left after a stop")
          .isZero();
      assertThat(Tables.count(stream.spark(), stream.settings, "dead_letter"))
          .isEqualTo(stream.expected().malformed);
      AlertChecks.assertFiredOnce(stream.session, webhook::ids);
      System.out.printf("webhook: %d requests%n", webhook.deliveries.size());
    }
  }

  /**
   * The job's store, which fails a batch once right after recording it, and once right after the
   * first rollup upsert that writes buckets newer than any before it: as kills there would.
   */
  private static final class FailAfterStats implements BatchStore {
    private final BatchStore store;
    private final AtomicBoolean failed;
    private final AtomicBoolean failedInNewBuckets;

    FailAfterStats(BatchStore store, AtomicBoolean failed, AtomicBoolean failedInNewBuckets) {
      this.store = store;
      this.failed = failed;
      this.failedInNewBuckets = failedInNewBuckets;
    }

    @Override
    public EventWriters events() {
      return store.events();
    }

    @Override
    public java.util.Optional<StreamProgress> latestProgress() {
      return store.latestProgress();
    }

    @Override
    public Map<RollupKey, StoredRollup> upsertRollups(
        Map<RollupKey, RollupValue> partials, BatchId batch, Instant newestBucket) {
      Map<RollupKey, StoredRollup> written = store.upsertRollups(partials, batch, newestBucket);
      boolean newBuckets =
          newestBucket != null
              && partials.keySet().stream().anyMatch(k -> k.bucket().isAfter(newestBucket));
      if (newBuckets && !failedInNewBuckets.getAndSet(true)) {
        throw new IllegalStateException("stopped after the rollups of batch " + batch);
      }
      return written;
    }

    @Override
    public Map<RollupKey, RollupValue> bucketsOfEveryKey(
        String rollup, Grain grain, List<Instant> buckets) {
      return store.bucketsOfEveryKey(rollup, grain, buckets);
    }

    @Override
    public List<Alert> recordAlerts(List<Alert> candidates) {
      return store.recordAlerts(candidates);
    }

    @Override
    public List<Alert> undeliveredAlerts() {
      return store.undeliveredAlerts();
    }

    @Override
    public void alertDelivered(Alert alert) {
      store.alertDelivered(alert);
    }

    @Override
    public void recordArrivals(RawArrivals arrivals) {
      store.recordArrivals(arrivals);
    }

    @Override
    public void recordProgress(BatchId batch, StreamProgress before, StreamProgress after) {
      store.recordProgress(batch, before, after);
    }

    @Override
    public void recordStats(BatchStats stats) {
      store.recordStats(stats);
      if (stats.batchId() == FAIL_AFTER_BATCH
          && stats.inputLines() > 0
          && !failed.getAndSet(true)) {
        throw new IllegalStateException("stopped after recording batch " + FAIL_AFTER_BATCH);
      }
    }

    @Override
    public void writeDueRollups() {
      store.writeDueRollups();
    }

    @Override
    public void writeHeldRollups() {
      store.writeHeldRollups();
    }

    @Override
    public void forgetHeldRollups() {
      store.forgetHeldRollups();
    }

    @Override
    public void close() {
      store.close();
    }
  }
}
