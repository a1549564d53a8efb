package ssa.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;

/**
 * When an incremental run last rewrote rollup rows (table rollup_rewrites). The run marks it before
 * and after its writes; a streaming job reads it once per batch and forgets its cached rows when it
 * moved, so it never writes over a rebuilt row from a stale value.
 */
public final class RollupRewrites {
  private static final int SHARD = 0;

  private final CqlSession session;
  private final PreparedStatement read;
  private final PreparedStatement write;

  public RollupRewrites(CqlSession session, String keyspace) {
    this.session = session;
    String table = keyspace + "." + Tables.ROLLUP_REWRITES;
    read = session.prepare("SELECT rewritten_at FROM " + table + " WHERE shard = ?");
    write = session.prepare("INSERT INTO " + table + " (shard, rewritten_at) VALUES (?, ?)");
  }

  /** The time of the last rewrite; EPOCH when rows were never rewritten. */
  public Instant last() {
    Row row = session.execute(read.bind(SHARD)).one();
    return row == null || row.isNull(0) ? Instant.EPOCH : row.getInstant(0);
  }

  public void mark() {
    session.execute(write.bind(SHARD, Instant.now()));
  }
}
