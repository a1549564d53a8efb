package ssa.store;

import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Rows of one prepared statement waiting to be sent, held as their encoded values in one growing
 * array: each value as its length (-1 for null) and its bytes, in the order of the statement's
 * variables. A task holds a quarter of a million rows while it groups them by partition; as bound
 * statements they were about twenty objects and 800 bytes each, which the collector copied until
 * they were sent.
 *
 * <p>Values are written straight into the array in the native protocol's format (v3 and later, the
 * only ones the driver speaks), as the driver's codecs for their CQL types would encode them. Going
 * through those codecs made a buffer per value and several per map entry: the raw rows' encoding
 * was a fifth of the tasks' time, and its buffers a fifth of all the job allocated (JFR profile at
 * 5,000 keys, bench run 18). {@code EncodedRowsTest} holds each method to its driver codec.
 */
final class EncodedRows {
  private static final int INITIAL_BYTES = 512;

  /** CQL date: days since the epoch, shifted so the epoch is 2^31 (unsigned). */
  private static final long DATE_EPOCH_DAY = 1L << 31;

  private final PreparedStatement statement;
  private byte[] bytes = new byte[INITIAL_BYTES];
  private int length;
  private int rows;

  EncodedRows(PreparedStatement statement) {
    this.statement = statement;
  }

  /** CQL text. */
  EncodedRows text(String value) {
    if (value == null) {
      return nothing();
    }
    int at = startValue();
    writeUtf8(value);
    return endValue(at);
  }

  /** CQL timestamp: milliseconds since the epoch. */
  EncodedRows timestamp(Instant value) {
    if (value == null) {
      return nothing();
    }
    writeInt(Long.BYTES);
    writeLong(value.toEpochMilli());
    return this;
  }

  /** CQL date. */
  EncodedRows date(LocalDate value) {
    if (value == null) {
      return nothing();
    }
    writeInt(Integer.BYTES);
    writeInt((int) (value.toEpochDay() + DATE_EPOCH_DAY));
    return this;
  }

  /** CQL tinyint. */
  EncodedRows tinyint(byte value) {
    writeInt(1);
    ensureRoom(1);
    bytes[length++] = value;
    return this;
  }

  /** CQL bigint. */
  EncodedRows bigint(long value) {
    writeInt(Long.BYTES);
    writeLong(value);
    return this;
  }

  /** CQL map&lt;text, double&gt;. */
  EncodedRows textToDouble(Map<String, Double> value) {
    return textTo(
        value,
        number -> {
          writeInt(Double.BYTES);
          writeLong(Double.doubleToRawLongBits(number));
        });
  }

  /** CQL map&lt;text, text&gt;. */
  EncodedRows textToText(Map<String, String> value) {
    return textTo(value, this::textElement);
  }

  /** A CQL map with text keys: its size, then each key and value as a sized element. */
  private <V> EncodedRows textTo(Map<String, V> value, Consumer<V> writeElement) {
    if (value == null) {
      return nothing();
    }
    int at = startValue();
    writeInt(value.size());
    for (Map.Entry<String, V> entry : value.entrySet()) {
      textElement(entry.getKey());
      writeElement.accept(notNull(entry.getValue()));
    }
    return endValue(at);
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
    Iterator<ByteBuffer> values = values();
    for (int r = 0; r < rows; r++) {
      BoundStatementBuilder row = statement.boundStatementBuilder();
      for (int c = 0; c < columns; c++) {
        row.setBytesUnsafe(c, values.next());
      }
      bound.add(row.build());
    }
    return bound;
  }

  /** Every value held, row after row, each as the driver would bind it (null for null). */
  Iterator<ByteBuffer> values() {
    return new Iterator<>() {
      private int at;

      @Override
      public boolean hasNext() {
        return at < length;
      }

      @Override
      public ByteBuffer next() {
        int size = readInt(at);
        at += Integer.BYTES;
        if (size < 0) {
          return null;
        }
        ByteBuffer value = ByteBuffer.wrap(bytes, at, size).slice();
        at += size;
        return value;
      }
    };
  }

  private EncodedRows nothing() {
    writeInt(-1);
    return this;
  }

  /** Holds the place of a value's length, to be filled in by {@link #endValue}. */
  private int startValue() {
    writeInt(0);
    return length;
  }

  private EncodedRows endValue(int valueStart) {
    putInt(valueStart - Integer.BYTES, length - valueStart);
    return this;
  }

  /** A text element of a collection, with its length. */
  private void textElement(String text) {
    int at = startValue();
    writeUtf8(notNull(text));
    endValue(at);
  }

  /** Cassandra refuses a null inside a collection, and so does the driver's codec. */
  private static <T> T notNull(T element) {
    if (element == null) {
      throw new IllegalArgumentException("a map key or value is null: Cassandra refuses it");
    }
    return element;
  }

  private void writeUtf8(String text) {
    int chars = text.length();
    ensureRoom(chars);
    for (int i = 0; i < chars; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        // Beyond ASCII: the JDK's encoder, as Codecs.TEXT uses for the rollups' text.
        byte[] utf8 = text.substring(i).getBytes(StandardCharsets.UTF_8);
        ensureRoom(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        return;
      }
      bytes[length++] = (byte) c;
    }
  }

  private void writeInt(int value) {
    ensureRoom(Integer.BYTES);
    putInt(length, value);
    length += Integer.BYTES;
  }

  private void writeLong(long value) {
    writeInt((int) (value >>> 32));
    writeInt((int) value);
  }

  private void putInt(int at, int value) {
    bytes[at] = (byte) (value >>> 24);
    bytes[at + 1] = (byte) (value >>> 16);
    bytes[at + 2] = (byte) (value >>> 8);
    bytes[at + 3] = (byte) value;
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
