package ssa.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import ssa.rollup.Alert;
import ssa.rollup.BatchId;
import ssa.rollup.Grain;
import ssa.rollup.RollupKey;
import ssa.rollup.RollupValue;
import ssa.rollup.StoredRollup;
import ssa.store.BatchStats;
import ssa.store.BatchStore;
import ssa.store.DeadLetter;
import ssa.store.EventWriter;
import ssa.store.EventWriters;
import ssa.store.RawArrivals;
import ssa.store.RawEvent;
import ssa.store.StreamProgress;

/**
 * A store in this JVM's memory, for running the batch path on a local Spark session: the tasks run
 * in the same JVM, so their writers find the store through a static registry.
 */
final class InMemoryStore implements BatchStore {
  private static final Map<String, InMemoryStore> STORES = new ConcurrentHashMap<>();

  private final String name = UUID.randomUUID().toString();
  final Map<String, RawEvent> raw = new ConcurrentHashMap<>();
  final Map<Long, DeadLetter> deadLetters = new ConcurrentHashMap<>();
  final Map<RollupKey, StoredRollup> rollups = new HashMap<>();
  final List<BatchStats> stats = new ArrayList<>();
  final RawArrivals arrivals = new RawArrivals();

  /** Each firing recorded, by id; whether a sink has not taken it yet. */
  final Map<String, Alert> alerts = new HashMap<>();

  final Map<String, Boolean> undelivered = new HashMap<>();
  private StreamProgress progress;

  InMemoryStore() {
    STORES.put(name, this);
  }

  @Override
  public EventWriters events() {
    String store = name;
    return () -> STORES.get(store).writer();
  }

  private EventWriter writer() {
    return new EventWriter() {
      @Override
      public void raw(RawEvent event) {
        raw.put(event.key() + "/" + event.eventTime() + "/" + event.id(), event);
      }

      @Override
      public void deadLetter(DeadLetter line) {
        deadLetters.put(line.position(), line);
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public synchronized Optional<StreamProgress> latestProgress() {
    return Optional.ofNullable(progress);
  }

  @Override
  public synchronized Map<RollupKey, StoredRollup> upsertRollups(
      Map<RollupKey, RollupValue> partials, BatchId batch, Instant newestBucket) {
    Map<RollupKey, StoredRollup> written = new HashMap<>();
    partials.forEach(
        (key, partial) -> {
          StoredRollup row = StoredRollup.apply(rollups.get(key), partial, batch.toString());
          rollups.put(key, row);
          written.put(key, row);
        });
    return written;
  }

  @Override
  public synchronized Map<RollupKey, RollupValue> bucketsOfEveryKey(
      String rollup, Grain grain, List<Instant> buckets) {
    Map<RollupKey, RollupValue> rows = new HashMap<>();
    for (RollupKey row : rollups.keySet()) {
      if (row.rollup().equals(rollup)) {
        for (Instant bucket : buckets) {
          RollupKey at = RollupKey.of(rollup, grain, row.key(), bucket);
          StoredRollup stored = rollups.get(at);
          rows.put(at, stored == null ? RollupValue.EMPTY : stored.value());
        }
      }
    }
    return rows;
  }

  @Override
  public synchronized List<Alert> recordAlerts(List<Alert> candidates) {
    List<Alert> toSend = new ArrayList<>();
    for (Alert alert : candidates) {
      Alert existing = alerts.putIfAbsent(alert.id(), alert);
      if (existing == null
          || (existing.batch().equals(alert.batch()) && undelivered.containsKey(alert.id()))) {
        undelivered.put(alert.id(), true);
        toSend.add(existing == null ? alert : existing);
      }
    }
    return toSend;
  }

  @Override
  public synchronized List<Alert> undeliveredAlerts() {
    return undelivered.keySet().stream().map(alerts::get).toList();
  }

  @Override
  public synchronized void alertDelivered(Alert alert) {
    undelivered.remove(alert.id());
  }

  @Override
  public synchronized void recordArrivals(RawArrivals batch) {
    arrivals.addAll(batch);
  }

  @Override
  public synchronized void recordProgress(
      BatchId batch, StreamProgress before, StreamProgress after) {
    progress =
        new StreamProgress(
            batch,
            after.maxEventTime(),
            before.maxEventTime(),
            after.receivedUntil(),
            before.receivedUntil(),
            after.newestRollupBucket());
  }

  @Override
  public synchronized void recordStats(BatchStats batch) {
    stats.add(batch);
  }

  /** Writes every row at once: nothing is held back. */
  @Override
  public void writeDueRollups() {}

  @Override
  public void writeHeldRollups() {}

  @Override
  public void forgetHeldRollups() {}

  @Override
  public void close() {
    STORES.remove(name);
  }
}
