package ssa.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import ssa.rollup.Alert;
import ssa.rollup.Grain;
import ssa.rollup.RollupKey;

/**
 * The alerts table and its list of firings not yet delivered. A firing is recorded with a
 * lightweight transaction (IF NOT EXISTS), so across replays and restarts each (rule, key, bucket)
 * fires once; it is listed as undelivered in the same batch, before the batch's progress, so a
 * firing the job had no time to send is found again.
 */
public final class AlertTable {
  /** Firings this process recorded or found recorded, so a rule that keeps holding costs no LWT. */
  private static final int REMEMBERED = 100_000;

  private static final int IN_FLIGHT = 32;

  /** What {@link #alert(Row)} reads, and when a firing was recorded and delivered. */
  private static final String COLUMNS =
      "rule, bucket, key, rollup, grain, condition, value, fired_by, fired_at, delivered_at";

  private final CqlSession session;
  private final String job;
  private final PreparedStatement insert;
  private final PreparedStatement listUndelivered;
  private final PreparedStatement addUndelivered;
  private final PreparedStatement removeUndelivered;
  private final PreparedStatement select;
  private final PreparedStatement markDelivered;
  private final PreparedStatement ofDay;
  private final Set<String> known =
      Collections.newSetFromMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > REMEMBERED;
            }
          });

  public AlertTable(CqlSession session, String keyspace, String job) {
    this.session = session;
    this.job = job;
    String alerts = keyspace + "." + Tables.ALERTS;
    String undelivered = keyspace + "." + Tables.ALERTS_UNDELIVERED;
    String row = " WHERE rule = ? AND day = ? AND bucket = ? AND key = ?";
    this.insert =
        session.prepare(
            "INSERT INTO "
                + alerts
                + " (rule, day, bucket, key, rollup, grain, condition, value, fired_by, fired_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS");
    this.select = session.prepare("SELECT " + COLUMNS + " FROM " + alerts + row);
    this.markDelivered = session.prepare("UPDATE " + alerts + " SET delivered_at = ?" + row);
    this.ofDay =
        session.prepare(
            "SELECT " + COLUMNS + " FROM " + alerts + " WHERE rule = ? AND day = ? LIMIT ?");
    this.listUndelivered =
        session.prepare("SELECT rule, day, bucket, key FROM " + undelivered + " WHERE job = ?");
    this.addUndelivered =
        session.prepare(
            "INSERT INTO " + undelivered + " (job, rule, day, bucket, key) VALUES (?, ?, ?, ?, ?)");
    this.removeUndelivered =
        session.prepare("DELETE FROM " + undelivered + row.replace("WHERE", "WHERE job = ? AND"));
  }

  /**
   * Records the firings no earlier batch recorded.
   *
   * @return the firings to send: those recorded now, and those this same batch recorded in an
   *     earlier run that stopped before sending them
   */
  public List<Alert> fire(List<Alert> candidates) {
    List<Alert> fresh = new ArrayList<>();
    for (Alert alert : candidates) {
      if (!known.contains(alert.id())) {
        fresh.add(alert);
      }
    }
    List<Alert> toSend = new ArrayList<>();
    for (int from = 0; from < fresh.size(); from += IN_FLIGHT) {
      List<Alert> chunk = fresh.subList(from, Math.min(fresh.size(), from + IN_FLIGHT));
      List<CompletableFuture<AsyncResultSet>> inserts = new ArrayList<>();
      for (Alert alert : chunk) {
        RollupKey row = alert.row();
        inserts.add(
            session
                .executeAsync(
                    insert.bind(
                        alert.rule(),
                        day(row.bucket()),
                        row.bucket(),
                        row.key(),
                        row.rollup(),
                        row.grain().id(),
                        alert.condition(),
                        alert.value(),
                        alert.batch(),
                        Instant.now()))
                .toCompletableFuture());
      }
      for (int i = 0; i < chunk.size(); i++) {
        Alert alert = chunk.get(i);
        AsyncResultSet result = inserts.get(i).join();
        // wasApplied reads the first row, so it must come before one() consumes it.
        boolean applied = result.wasApplied();
        Row existing = result.one();
        if (applied) {
          toSend.add(alert);
        } else if (alert.batch().equals(existing.getString("fired_by"))
            && existing.getInstant("delivered_at") == null) {
          toSend.add(alert(existing));
        }
      }
    }
    for (Alert alert : toSend) {
      RollupKey row = alert.row();
      session.execute(
          addUndelivered.bind(job, alert.rule(), day(row.bucket()), row.bucket(), row.key()));
    }
    fresh.forEach(alert -> known.add(alert.id()));
    return toSend;
  }

  /** This job's firings that some sink has not taken yet. */
  public List<Alert> undelivered() {
    List<Alert> alerts = new ArrayList<>();
    for (Row pending : session.execute(listUndelivered.bind(job))) {
      Row row =
          session
              .execute(
                  select.bind(
                      pending.getString("rule"),
                      pending.getLocalDate("day"),
                      pending.getInstant("bucket"),
                      pending.getString("key")))
              .one();
      if (row != null) {
        alerts.add(alert(row));
      }
    }
    return alerts;
  }

  /** Marks a firing as taken by every sink. */
  public void delivered(Alert alert) {
    RollupKey row = alert.row();
    LocalDate day = day(row.bucket());
    session.execute(markDelivered.bind(Instant.now(), alert.rule(), day, row.bucket(), row.key()));
    session.execute(removeUndelivered.bind(job, alert.rule(), day, row.bucket(), row.key()));
  }

  /** A firing as read back, with when it was recorded and when every sink took it (or null). */
  public record Fired(Alert alert, Instant firedAt, Instant deliveredAt) {}

  /**
   * The newest firings of these rules whose buckets start in [from, until), newest bucket first, at
   * most {@code limit}.
   */
  public List<Fired> recent(List<String> rules, Instant from, Instant until, int limit) {
    List<Fired> fired = new ArrayList<>();
    for (LocalDate day = day(until); !day.isBefore(day(from)); day = day.minusDays(1)) {
      for (String rule : rules) {
        for (Row row : session.execute(ofDay.bind(rule, day, limit))) {
          Instant bucket = row.getInstant("bucket");
          if (!bucket.isBefore(from) && bucket.isBefore(until)) {
            fired.add(
                new Fired(alert(row), row.getInstant("fired_at"), row.getInstant("delivered_at")));
          }
        }
      }
    }
    fired.sort(
        Comparator.comparing((Fired f) -> f.alert().row().bucket())
            .reversed()
            .thenComparing(f -> f.alert().id()));
    return fired.size() > limit ? List.copyOf(fired.subList(0, limit)) : fired;
  }

  private static Alert alert(Row row) {
    Grain grain = Grain.byId(row.getString("grain"));
    Instant bucket = row.getInstant("bucket");
    return new Alert(
        row.getString("rule"),
        new RollupKey(
            row.getString("rollup"),
            grain,
            row.getString("key"),
            grain.periodStart(bucket),
            bucket),
        row.getString("condition"),
        row.getDouble("value"),
        row.getString("fired_by"));
  }

  private static LocalDate day(Instant bucket) {
    return LocalDate.ofInstant(bucket, ZoneOffset.UTC);
  }
}
