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
  private static final long RETRY_PAUSE_MS = 500;
  private final GeneratorClient.LineStream lines;
  private final long receivedAtMicros;
  private String current;
  private long position;

  LineRangeReader(LineRange range) {
    this.position = range.from() - 1;
    this.lines = open(range);
    this.receivedAtMicros = range.receivedAtMillis() * 1000;
  }

  /**
   * Opens the range, retrying while the generator is unreachable or does not have the range (yet):
   * a restarted generator makes the same events available again as its schedule catches up.
   */
  private static GeneratorClient.LineStream open(LineRange range) {
    GeneratorClient generator = new GeneratorClient(range.host(), range.port());
    long deadline = System.currentTimeMillis() + range.retryForMillis();
    while (true) {
      try {
        return generator.range(range.from(), range.until());
      } catch (UncheckedIOException | IllegalStateException e) {
        if (System.currentTimeMillis() >= deadline) {
          throw e;
        }
        try {
          Thread.sleep(RETRY_PAUSE_MS);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  @Override
  public boolean next() throws IOException {
    current = lines.next();
    position++;
    return current != null;
  }

  @Override
  public InternalRow get() {
    return new GenericInternalRow(
        new Object[] {UTF8String.fromString(current), receivedAtMicros, position});
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
