package ssa.publish;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ssa.config.AlertSettings;
import ssa.rollup.Alert;
import ssa.rollup.AlertRule;
import ssa.rollup.BatchId;
import ssa.rollup.Grain;
import ssa.rollup.RollupKey;
import ssa.rollup.RollupValue;
import ssa.rollup.StoredRollup;
import ssa.store.BatchStore;

/**
 * The last stage of a batch: judges the alert rules on what the batch wrote, records the firings in
 * the store and hands them to the sinks. Runs before the batch's progress is recorded, so a
 * replayed batch judges the same rows and buckets again, and the store's record keeps each firing
 * to one.
 */
public final class Alerts implements AutoCloseable {
  private final List<AlertRule> rules;
  private final BatchStore store;
  private final AlertSender sender;

  private Alerts(List<AlertRule> rules, BatchStore store, AlertSender sender) {
    this.rules = rules;
    this.store = store;
    this.sender = sender;
  }

  /** Starts sending, first the firings an earlier run of the job recorded but did not deliver. */
  public static Alerts start(AlertSettings settings, BatchStore store) {
    List<AlertSink> sinks = new ArrayList<>();
    if (settings.log()) {
      sinks.add(new LogSink());
    }
    if (!settings.webhookUrl().isEmpty()) {
      sinks.add(new WebhookSink(settings.webhookUrl(), settings.webhookTimeout()));
    }
    if (!settings.kafkaTopic().isEmpty()) {
      sinks.add(
          new KafkaSink(
              settings.kafkaBootstrapServers(), settings.kafkaTopic(), settings.webhookTimeout()));
    }
    AlertSender sender = new AlertSender(sinks, settings.webhookAttempts(), store);
    Alerts alerts = new Alerts(settings.rules(), store, sender);
    if (!settings.rules().isEmpty()) {
      sender.send(store.undeliveredAlerts());
    }
    return alerts;
  }

  /**
   * Judges a batch's rows: rules on update on the rows it wrote, rules on close on the buckets its
   * watermark closed.
   *
   * @param written the rows the batch wrote, as written
   * @param watermarkBefore the watermark the batch started from; null before any
   * @param watermarkAfter the watermark after it
   */
  public void judge(
      Map<RollupKey, StoredRollup> written,
      Instant watermarkBefore,
      Instant watermarkAfter,
      BatchId batch) {
    if (rules.isEmpty()) {
      return;
    }
    List<Alert> candidates = new ArrayList<>();
    for (AlertRule rule : rules) {
      if (rule.onClose()) {
        List<Instant> closed = rule.closedBuckets(watermarkBefore, watermarkAfter);
        if (!closed.isEmpty()) {
          judgeClosed(rule, closed, batch, candidates);
        }
      } else {
        written.forEach(
            (row, stored) -> {
              if (rule.watches(row)) {
                addIfFired(candidates, rule.check(row, stored.value(), batch));
              }
            });
      }
    }
    if (!candidates.isEmpty()) {
      sender.send(store.recordAlerts(candidates));
    }
  }

  /**
   * Judges each closed bucket for each key that had events in it or in the bucket before: a key
   * that goes quiet is judged once, not in every empty bucket since, nor before its first event.
   * The buckets (oldest first) and the one before them are read in one pass over the keys.
   */
  private void judgeClosed(
      AlertRule rule, List<Instant> closed, BatchId batch, List<Alert> candidates) {
    Grain grain = rule.grain();
    Instant first = grain.bucketsBefore(closed.get(0), 1);
    List<Instant> read = new ArrayList<>(closed.size() + 1);
    read.add(first);
    read.addAll(closed);
    Map<RollupKey, RollupValue> rows = store.bucketsOfEveryKey(rule.rollup(), grain, read);
    rows.forEach(
        (row, value) -> {
          if (row.bucket().equals(first)) {
            return;
          }
          RollupValue before =
              rows.get(
                  RollupKey.of(
                      rule.rollup(), grain, row.key(), grain.bucketsBefore(row.bucket(), 1)));
          if (value.count() > 0 || before.count() > 0) {
            addIfFired(candidates, rule.check(row, value, batch));
          }
        });
  }

  private static void addIfFired(List<Alert> candidates, Alert alert) {
    if (alert != null) {
      candidates.add(alert);
    }
  }

  @Override
  public void close() {
    sender.close();
  }
}
