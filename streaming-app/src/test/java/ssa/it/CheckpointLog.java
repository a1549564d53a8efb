package ssa.it;

import java.io.IOException;

/** The query's checkpoint on HDFS, as Spark's offset and commit logs tell it. */
final class CheckpointLog {
  private final MiniHdfs hdfs;
  private final String uri;
  private long lastOffsets = -1;

  CheckpointLog(MiniHdfs hdfs, String uri) {
    this.hdfs = hdfs;
    this.uri = uri;
  }

  /** The newest batch whose offsets are logged but which is not committed; -1 if none. */
  long uncommittedBatch() throws IOException {
    while (hdfs.exists(uri + "/offsets/" + (lastOffsets + 1))) {
      lastOffsets++;
    }
    return lastOffsets >= 0 && !hdfs.exists(uri + "/commits/" + lastOffsets) ? lastOffsets : -1;
  }
}
