package ssa.rollup;

import java.io.Serializable;

/**
 * Names one micro-batch of a streaming query across restarts, as stored in the rollups'
 * applied_batch column: the query id (kept in the checkpoint) and the batch id.
 */
public record BatchId(String queryId, long batchId) implements Serializable {

  /** The batch an applied_batch value names, or null when it names no streaming batch. */
  public static BatchId parse(String applied) {
    if (applied == null) {
      return null;
    }
    int slash = applied.lastIndexOf('/');
    if (slash < 0) {
      return null;
    }
    try {
      return new BatchId(applied.substring(0, slash), Long.parseLong(applied.substring(slash + 1)));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Whether {@code other} is a later batch of the same query. */
  public boolean isBefore(BatchId other) {
    return other != null && other.queryId.equals(queryId) && other.batchId > batchId;
  }

  @Override
  public String toString() {
    return queryId + "/" + batchId;
  }
}
