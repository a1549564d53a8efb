package ssa.incremental;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import ssa.rollup.Grain;

/**
 * What one run read and wrote.
 *
 * @param partitionsRead events_raw partitions (key, day) read
 * @param rawRowsRead rows read from them, including any left for the next run
 * @param eventsSummarized events the run summarized
 * @param earliestEvent event time of the oldest event summarized, null for none
 * @param rowsWritten rollup rows written per grain
 * @param committed the state committed, or null for a backfill
 */
public record IncrementalReport(
    String id,
    Grain period,
    List<LocalDate> daysRead,
    long partitionsRead,
    long rawRowsRead,
    long eventsSummarized,
    Instant earliestEvent,
    Instant newestEvent,
    Map<Grain, Long> rowsWritten,
    IncrementalState committed,
    Duration took) {

  public long eventsRead() {
    return rawRowsRead;
  }

  public long rollupRowsWritten() {
    return rowsWritten.values().stream().mapToLong(Long::longValue).sum();
  }

  /** One line for the log and the console. */
  public String summary() {
    return String.format(
        "incremental '%s' (%s): %d days read %s, %d partitions, %d raw rows, %d events"
            + " summarized (%s .. %s), rollup rows written %s, %s, %d ms",
        id,
        period,
        daysRead.size(),
        daysRead.size() <= 6 ? daysRead : "",
        partitionsRead,
        rawRowsRead,
        eventsSummarized,
        earliestEvent,
        newestEvent,
        rowsWritten,
        committed == null
            ? "backfill, nothing committed"
            : "committed last period start " + committed.lastPeriodStart(),
        took.toMillis());
  }
}
