package ssa.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.unsafe.types.UTF8String;

/** Reads one {@link LineRange} straight from the generator, on an executor. */
final class LineRangeReader implements PartitionReader<InternalRow> {
  private final GeneratorClient.LineStream lines;
  private final long receivedAtMicros;
  private String current;
  private long position;

  LineRangeReader(LineRange range) {
    this.position = range.from() - 1;
    this.lines = new GeneratorClient(range.host(), range.port()).range(range.from(), range.until());
    this.receivedAtMicros = range.receivedAtMillis() * 1000;
  }

  @Override
  public boolean next() throws IOException {
    current = lines.next();
    position++;
    return current != null;
  }

  @Override
  public InternalRow get() {
    return new GenericInternalRow(new Object[] {UTF8String.fromString(current), receivedAtMicros, position});
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }

  static final class Factory implements PartitionReaderFactory {
    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      return new LineRangeReader((LineRange) partition);
    }
  }
}
