package ssa.source;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.SupportsAdmissionControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micro-batches of the generator's sequence. An offset is a sequence number, so the offsets Spark
 * logs in the checkpoint say exactly which lines a batch holds, and a restarted query asks the
 * generator for those same lines again: nothing is lost or read twice.
 */
final class SsaTcpStream implements MicroBatchStream, SupportsAdmissionControl {
  private final SsaTcpOptions options;
  private static final Logger LOG = LoggerFactory.getLogger(SsaTcpStream.class);
  private final GeneratorClient generator;
  private boolean warnedBehind;
  private boolean warnedUnreachable;
  // What the generator had when last asked, for the backlog Spark reports beside each batch.
  private volatile long available = -1;

  SsaTcpStream(SsaTcpOptions options) {
    this.options = options;
    this.generator = new GeneratorClient(options.host(), options.port());
  }

  @Override
  public Offset initialOffset() {
    long start = options.startAtLatest() ? generator.latest() : 0;
    return new SeqOffset(start, System.currentTimeMillis());
  }

  @Override
  public ReadLimit getDefaultReadLimit() {
    return ReadLimit.maxRows(options.maxLinesPerBatch());
  }

  @Override
  public Offset latestOffset() {
    throw new UnsupportedOperationException(
        "Spark calls latestOffset(start, limit) on this source");
  }

  @Override
  public Offset latestOffset(Offset start, ReadLimit limit) {
    long from = ((SeqOffset) start).seq;
    long available;
    try {
      available = generator.latest();
    } catch (java.io.UncheckedIOException e) {
      // A generator restart must not stop the query: plan no new lines until it answers again.
      if (!warnedUnreachable) {
        warnedUnreachable = true;
        LOG.warn("{}; waiting for it, planning no new lines meanwhile", e.getMessage());
      }
      return start;
    }
    this.available = available;
    if (warnedUnreachable) {
      warnedUnreachable = false;
      LOG.info("the generator at {}:{} answers again", options.host(), options.port());
    }
    long until = Math.min(available, from + options.maxLinesPerBatch());
    if (available < from && !warnedBehind) {
      warnedBehind = true;
      LOG.warn(
          "the generator at {}:{} has {} events but this query's checkpoint is at {}: it was"
              + " restarted with a new sequence, or is another generator. Waiting for it to catch"
              + " up; use a new checkpoint-location to start over.",
          options.host(),
          options.port(),
          available,
          from);
    }
    if (until <= from) {
      return start;
    }
    return new SeqOffset(until, System.currentTimeMillis());
  }

  /** Everything the generator has: Spark logs it as the source's latestOffset in each progress. */
  @Override
  public Offset reportLatestOffset() {
    long seen = available;
    return seen < 0 ? null : new SeqOffset(seen, System.currentTimeMillis());
  }

  @Override
  public InputPartition[] planInputPartitions(Offset start, Offset end) {
    long from = ((SeqOffset) start).seq;
    SeqOffset last = (SeqOffset) end;
    long lines = last.seq - from;
    int parts = (int) Math.max(1, Math.min(options.partitions(), lines / 1000 + 1));
    List<InputPartition> ranges = new ArrayList<>(parts);
    for (int i = 0; i < parts; i++) {
      long a = from + lines * i / parts;
      long b = from + lines * (i + 1) / parts;
      if (b > a) {
        ranges.add(
            new LineRange(
                options.host(), options.port(), a, b, last.atMillis, options.retryForMillis()));
      }
    }
    return ranges.toArray(InputPartition[]::new);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new LineRangeReader.Factory();
  }

  @Override
  public Offset deserializeOffset(String json) {
    return SeqOffset.parse(json);
  }

  @Override
  public void commit(Offset end) {
    // Nothing buffered here: the generator can serve any range again.
  }

  @Override
  public void stop() {}
}
