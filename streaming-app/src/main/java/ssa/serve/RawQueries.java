package ssa.serve;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ssa.store.RawDay;

/**
 * Raw events of a key and recent dead letters, read by their hour partitions, newest hour first. A
 * page of raw events ends with an opaque token for the next: the hour it stopped in and Cassandra's
 * paging state there, so no event is skipped or repeated between pages.
 */
public final class RawQueries {
  static final int MAX_PAGE = 1_000;
  static final Duration MAX_DEAD_LETTER_HOURS = Duration.ofDays(7);

  private final CqlSession session;
  private final PreparedStatement raw;
  private final PreparedStatement dead;

  public RawQueries(CqlSession session, String keyspace) {
    this.session = session;
    this.raw =
        session.prepare(
            "SELECT event_time, id, received_at, measures, attributes FROM "
                + keyspace
                + ".events_raw WHERE key = ? AND day = ? AND hour = ? AND event_time >= ?"
                + " AND event_time < ?");
    this.dead =
        session.prepare(
            "SELECT received_at, position, reason, line FROM "
                + keyspace
                + ".dead_letter WHERE day = ? AND hour = ? LIMIT ?");
  }

  /** A page of the key's events in [from, to), newest first; "next" holds the next page's token. */
  Map<String, Object> raw(String key, Instant from, Instant to, int size, Optional<String> page) {
    Instant hour = to.minusNanos(1).truncatedTo(ChronoUnit.HOURS);
    ByteBuffer state = null;
    if (page.isPresent()) {
      String[] parts = page.get().split(":", 2);
      try {
        hour = Instant.ofEpochSecond(Long.parseLong(parts[0]) * 3600);
        state = parts.length == 2 ? ByteBuffer.wrap(Base64.getUrlDecoder().decode(parts[1])) : null;
      } catch (IllegalArgumentException e) {
        throw new BadRequest("parameter 'page' is not a token this API gave out");
      }
    }
    List<Map<String, Object>> events = new ArrayList<>();
    String next = null;
    while (!hour.isBefore(from.truncatedTo(ChronoUnit.HOURS)) && events.size() < size) {
      ResultSet rows =
          session.execute(
              raw.bind(key, RawDay.of(hour), RawDay.hourOf(hour), from, to)
                  .setPageSize(size - events.size())
                  .setPagingState(state));
      int available = rows.getAvailableWithoutFetching();
      for (int i = 0; i < available; i++) {
        events.add(event(rows.one()));
      }
      ByteBuffer more = rows.getExecutionInfo().getPagingState();
      if (more != null) {
        next =
            hour.getEpochSecond() / 3600 + ":" + Base64.getUrlEncoder().encodeToString(bytes(more));
        break;
      }
      state = null;
      hour = hour.minus(Duration.ofHours(1));
      if (events.size() >= size && !hour.isBefore(from.truncatedTo(ChronoUnit.HOURS))) {
        next = Long.toString(hour.getEpochSecond() / 3600);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key", key);
    out.put("events", events);
    out.put("next", next);
    return out;
  }

  /**
   * The dead letters received in the last {@code hours} hours, newest hour first, at most limit.
   */
  List<Map<String, Object>> deadLetters(Instant now, int hours, int limit) {
    List<Map<String, Object>> out = new ArrayList<>();
    Instant hour = now.truncatedTo(ChronoUnit.HOURS);
    for (int h = 0; h < hours && out.size() < limit; h++, hour = hour.minus(Duration.ofHours(1))) {
      for (Row row :
          session.execute(dead.bind(RawDay.of(hour), RawDay.hourOf(hour), limit - out.size()))) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("receivedAt", row.getInstant("received_at").toString());
        json.put("position", row.getLong("position"));
        json.put("reason", row.getString("reason"));
        json.put("line", row.getString("line"));
        out.add(json);
      }
    }
    return out;
  }

  private static Map<String, Object> event(Row row) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("eventTime", row.getInstant("event_time").toString());
    json.put("id", row.getString("id"));
    json.put("receivedAt", row.getInstant("received_at").toString());
    json.put("measures", row.getMap("measures", String.class, Double.class));
    json.put("attributes", row.getMap("attributes", String.class, String.class));
    return json;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}
