package ssa.store;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows of one prepared statement waiting to be sent, held as their encoded values in one growing
 * array: each value as its length (-1 for null) and its bytes, in the order of the statement's
 * variables. A task holds a quarter of a million rows while it groups them by partition; as bound
 * statements they were about twenty objects and 800 bytes each, which the collector copied until
 * they were sent.
 */
final class EncodedRows {
  private static final int INITIAL_BYTES = 512;

  private final PreparedStatement statement;
  private final ProtocolVersion protocol;
  private byte[] bytes = new byte[INITIAL_BYTES];
  private int length;
  private int rows;

  EncodedRows(PreparedStatement statement, ProtocolVersion protocol) {
    this.statement = statement;
    this.protocol = protocol;
  }

  /** Appends the next value of the current row, encoded as the driver would bind it. */
  <T> EncodedRows value(T value, TypeCodec<T> codec) {
    ByteBuffer encoded = value == null ? null : codec.encode(value, protocol);
    if (encoded == null) {
      writeInt(-1);
      return this;
    }
    int size = encoded.remaining();
    writeInt(size);
    ensureRoom(size);
    encoded.duplicate().get(bytes, length, size);
    length += size;
    return this;
  }

  /** Ends the current row. */
  void endRow() {
    rows++;
  }

  int rows() {
    return rows;
  }

  /** Bytes of encoded values held, lengths included. */
  int bytes() {
    return length;
  }

  /**
   * The rows as bound statements, bound when sent (on the sender thread). The statements share this
   * array: nothing may be added once they are made.
   */
  List<BatchableStatement<?>> bind() {
    int columns = statement.getVariableDefinitions().size();
    List<BatchableStatement<?>> bound = new ArrayList<>(rows);
    int at = 0;
    for (int r = 0; r < rows; r++) {
      BoundStatementBuilder row = statement.boundStatementBuilder();
      for (int c = 0; c < columns; c++) {
        int size = readInt(at);
        at += Integer.BYTES;
        if (size < 0) {
          row.setBytesUnsafe(c, null);
        } else {
          row.setBytesUnsafe(c, ByteBuffer.wrap(bytes, at, size).slice());
          at += size;
        }
      }
      bound.add(row.build());
    }
    return bound;
  }

  private void writeInt(int value) {
    ensureRoom(Integer.BYTES);
    bytes[length] = (byte) (value >>> 24);
    bytes[length + 1] = (byte) (value >>> 16);
    bytes[length + 2] = (byte) (value >>> 8);
    bytes[length + 3] = (byte) value;
    length += Integer.BYTES;
  }

  private int readInt(int at) {
    return (bytes[at] & 0xff) << 24
        | (bytes[at + 1] & 0xff) << 16
        | (bytes[at + 2] & 0xff) << 8
        | (bytes[at + 3] & 0xff);
  }

  private void ensureRoom(int size) {
    if (length + size > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + size));
    }
  }
}
