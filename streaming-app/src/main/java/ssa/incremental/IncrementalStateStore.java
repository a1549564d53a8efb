package ssa.incremental;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.Optional;
import ssa.rollup.Grain;
import ssa.store.Tables;

/** The incremental_state table: one row per summarization id. */
final class IncrementalStateStore {
  private final CqlSession session;
  private final PreparedStatement read;
  private final PreparedStatement write;

  IncrementalStateStore(CqlSession session, String keyspace) {
    this.session = session;
    String table = keyspace + "." + Tables.INCREMENTAL_STATE;
    this.read =
        session.prepare(
            "SELECT period, last_period_start, received_until, committed_at FROM "
                + table
                + " WHERE id = ?");
    this.write =
        session.prepare(
            "INSERT INTO "
                + table
                + " (id, period, last_period_start, received_until,"
                + " committed_at, days_read, events_read, rollup_rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  }

  Optional<IncrementalState> read(String id) {
    Row row = session.execute(read.bind(id)).one();
    if (row == null) {
      return Optional.empty();
    }
    return Optional.of(
        new IncrementalState(
            id,
            Grain.byId(row.getString("period")),
            row.getInstant("last_period_start"),
            row.getInstant("received_until"),
            row.getInstant("committed_at")));
  }

  void commit(IncrementalState state, IncrementalReport report) {
    session.execute(
        write.bind(
            state.id(),
            state.period().id(),
            state.lastPeriodStart(),
            state.receivedUntil(),
            state.committedAt(),
            report.daysRead().size(),
            report.eventsRead(),
            report.rollupRowsWritten()));
  }
}
