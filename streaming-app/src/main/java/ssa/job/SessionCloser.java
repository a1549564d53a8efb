package ssa.job;

import java.util.UUID;
import org.apache.spark.sql.streaming.StreamingQueryListener;

/** Runs a clean-up once a given query has terminated. */
final class SessionCloser extends StreamingQueryListener {
  private final UUID queryId;
  private final Runnable cleanUp;

  SessionCloser(UUID queryId, Runnable cleanUp) {
    this.queryId = queryId;
    this.cleanUp = cleanUp;
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {}

  @Override
  public void onQueryProgress(QueryProgressEvent event) {}

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {
    if (event.id().equals(queryId)) {
      cleanUp.run();
    }
  }
}
