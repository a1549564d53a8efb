package ssa.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import ssa.rollup.BatchId;
import ssa.rollup.Grain;
import ssa.rollup.RollupKey;

/**
 * The rollup_pending table: the rollup rows a job has changed in memory but not written yet, noted
 * before the finer rows that change them are written, so a job that stops without writing them
 * knows at its next start which rows to rebuild. One row per batch and chunk: a batch notes tens of
 * thousands of keys in a few writes.
 */
final class PendingRollups {
  /** Keys per chunk: a chunk stays far below Cassandra's largest mutation even with long keys. */
  static final int KEYS_PER_CHUNK = 20_000;

  private final CqlSession session;
  private final String job;
  private final PreparedStatement insert;
  private final PreparedStatement select;
  private final PreparedStatement delete;

  PendingRollups(CqlSession session, String keyspace, String job) {
    this.session = session;
    this.job = job;
    String table = keyspace + "." + Tables.ROLLUP_PENDING;
    this.insert =
        session.prepare(
            "INSERT INTO " + table + " (job, batch_id, chunk, rows) VALUES (?, ?, ?, ?)");
    this.select = session.prepare("SELECT rows FROM " + table + " WHERE job = ?");
    this.delete = session.prepare("DELETE FROM " + table + " WHERE job = ?");
  }

  /** Notes these rows as changed by the batch and not written; returns once noted. */
  void note(BatchId batch, Collection<RollupKey> rows) {
    Iterator<RollupKey> keys = rows.iterator();
    int chunk = 0;
    while (keys.hasNext()) {
      List<RollupKey> part = new ArrayList<>(KEYS_PER_CHUNK);
      while (keys.hasNext() && part.size() < KEYS_PER_CHUNK) {
        part.add(keys.next());
      }
      session.execute(insert.bind(job, batch.toString(), chunk++, ByteBuffer.wrap(encode(part))));
    }
  }

  /** Every row noted and not yet cleared. */
  List<RollupKey> all() {
    List<RollupKey> rows = new ArrayList<>();
    for (Row row : session.execute(select.bind(job))) {
      ByteBuffer chunk = row.getByteBuffer("rows");
      byte[] bytes = new byte[chunk.remaining()];
      chunk.get(bytes);
      rows.addAll(decode(bytes));
    }
    return rows;
  }

  /** Forgets every note, once the rows they name are written. */
  void clear() {
    session.execute(delete.bind(job));
  }

  static byte[] encode(List<RollupKey> rows) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
      out.writeInt(rows.size());
      for (RollupKey row : rows) {
        writeText(out, row.rollup());
        out.writeByte(row.grain().ordinal());
        writeText(out, row.key());
        out.writeLong(row.bucket().toEpochMilli());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static List<RollupKey> decode(byte[] chunk) {
    try (DataInputStream in =
        new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(chunk)))) {
      int count = in.readInt();
      List<RollupKey> rows = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String rollup = readText(in);
        Grain grain = Grain.values()[in.readByte()];
        String key = readText(in);
        rows.add(RollupKey.of(rollup, grain, key, Instant.ofEpochMilli(in.readLong())));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeText(DataOutputStream out, String text) throws IOException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readText(DataInputStream in) throws IOException {
    byte[] utf8 = new byte[in.readInt()];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
