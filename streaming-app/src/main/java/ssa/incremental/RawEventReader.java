package ssa.incremental;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.spark.connector.cql.CassandraConnector;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import ssa.parse.FieldSpec;
import ssa.parse.FieldType;
import ssa.parse.ParsedColumns;
import ssa.parse.StreamSchema;
import ssa.store.RawDay;

/**
 * Reads events_raw partition by partition, each (key, day) between two event times (one query per
 * hour partition of the day that the times reach), and gives the events back as the parse stage
 * does ({@link ParsedColumns}), with every configured field restored from the stored measures and
 * attributes, so the rollup stage (and its error condition) works on them unchanged. Runs on the
 * executors; pages through each partition.
 */
final class RawEventReader implements MapPartitionsFunction<Row, Row> {
  /** One partition to read: key, day, event time from (inclusive) and until (exclusive). */
  static final StructType PARTITIONS =
      new StructType()
          .add("key", DataTypes.StringType, false)
          .add("day", DataTypes.DateType, false)
          .add("from", DataTypes.TimestampType, false)
          .add("until", DataTypes.TimestampType, false);

  private static final int PAGE_SIZE = 5000;

  private final CassandraConnector connector;
  private final String keyspace;
  private final StreamSchema stream;

  RawEventReader(CassandraConnector connector, String keyspace, StreamSchema stream) {
    this.connector = connector;
    this.keyspace = keyspace;
    this.stream = stream;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> partitions) {
    CqlSession session = connector.openSession();
    TaskContext task = TaskContext.get();
    if (task != null) {
      task.addTaskCompletionListener(
          (org.apache.spark.util.TaskCompletionListener) context -> session.close());
    }
    PreparedStatement select =
        session.prepare(
            "SELECT event_time, id, received_at, measures, attributes FROM "
                + keyspace
                + ".events_raw WHERE key = ? AND day = ? AND hour = ?"
                + " AND event_time >= ? AND event_time < ?");
    return new Iterator<>() {
      private Iterator<com.datastax.oss.driver.api.core.cql.Row> current =
          Collections.emptyIterator();
      private Iterator<Byte> hours = Collections.emptyIterator();
      private String key;
      private Date day;
      private Instant from;
      private Instant until;

      @Override
      public boolean hasNext() {
        while (!current.hasNext()) {
          if (!hours.hasNext() && !partitions.hasNext()) {
            return false;
          }
          if (hours.hasNext()) {
            byte hour = hours.next();
            current =
                session
                    .execute(
                        select
                            .bind(key, day.toLocalDate(), hour, from, until)
                            .setPageSize(PAGE_SIZE))
                    .iterator();
            continue;
          }
          Row partition = partitions.next();
          key = partition.getAs("key");
          day = partition.getAs("day");
          from = partition.<Timestamp>getAs("from").toInstant();
          until = partition.<Timestamp>getAs("until").toInstant();
          hours = hoursOf(day.toLocalDate(), from, until).iterator();
        }
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return event(key, day, current.next());
      }
    };
  }

  /** The hour partitions of a day that hold event times in [from, until). */
  static List<Byte> hoursOf(LocalDate day, Instant from, Instant until) {
    Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant dayEnd = dayStart.plus(Duration.ofDays(1));
    Instant first = from.isAfter(dayStart) ? from : dayStart;
    Instant last = (until.isBefore(dayEnd) ? until : dayEnd).minusNanos(1);
    List<Byte> hours = new ArrayList<>();
    if (last.isBefore(first)) {
      return hours;
    }
    for (int h = RawDay.hourOf(first); h <= RawDay.hourOf(last); h++) {
      hours.add((byte) h);
    }
    return hours;
  }

  /** A stored event as the parse stage would have produced it (less the line it came from). */
  private Row event(String key, Date day, com.datastax.oss.driver.api.core.cql.Row raw) {
    String id = raw.getString("id");
    Timestamp time = Timestamp.from(raw.getInstant("event_time"));
    Map<String, Double> measures = raw.getMap("measures", String.class, Double.class);
    Map<String, String> attributes = raw.getMap("attributes", String.class, String.class);
    Object[] fields = new Object[stream.fields().size()];
    for (int i = 0; i < fields.length; i++) {
      FieldSpec field = stream.fields().get(i);
      String name = field.name();
      if (name.equals(stream.idField())) {
        fields[i] = field.type().fromText(id);
      } else if (name.equals(stream.keyField())) {
        fields[i] = field.type().fromText(key);
      } else if (name.equals(stream.timeField())) {
        fields[i] = stream.timeFormat().fieldValue(time.toInstant(), field.type());
      } else if (stream.measures().contains(name)) {
        fields[i] = measure(field.type(), measures.get(name));
      } else {
        String text = attributes.get(name);
        fields[i] = text == null ? null : field.type().fromText(text);
      }
    }
    // A stored event is valid, and events_raw keeps neither its line nor its source position.
    return ParsedColumns.event(
        fields, id, key, time, Timestamp.from(raw.getInstant("received_at")), 0L);
  }

  private static Object measure(FieldType type, Double value) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case INT -> value.intValue();
      case LONG -> value.longValue();
      default -> value;
    };
  }
}
