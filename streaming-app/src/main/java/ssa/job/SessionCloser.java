package ssa.job;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.streaming.StreamingQueryListener;

/**
 * Runs the clean-up of one run of a query once: when the run has terminated, as Spark's listener
 * thread hears it, or when {@link #closeNow} asks first. Either way, {@link #closeNow} returns only
 * after the clean-up is done.
 */
final class SessionCloser extends StreamingQueryListener {
  private static final Map<UUID, SessionCloser> OPEN = new ConcurrentHashMap<>();

  /** The run, not the query id: a query restarted on its checkpoint keeps its id. */
  private final UUID runId;

  private final Runnable cleanUp;
  private final AtomicBoolean taken = new AtomicBoolean();
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  private SessionCloser(UUID runId, Runnable cleanUp) {
    this.runId = runId;
    this.cleanUp = cleanUp;
  }

  /** The listener to add for a run; {@link #closeNow} finds it by the run's id. */
  static SessionCloser register(UUID runId, Runnable cleanUp) {
    SessionCloser closer = new SessionCloser(runId, cleanUp);
    OPEN.put(runId, closer);
    return closer;
  }

  /** Runs the clean-up of the run now, or waits for the one already running; none if done. */
  static void closeNow(UUID runId) {
    SessionCloser closer = OPEN.get(runId);
    if (closer != null) {
      closer.close();
    }
  }

  private void close() {
    if (taken.compareAndSet(false, true)) {
      try {
        cleanUp.run();
      } finally {
        OPEN.remove(runId);
        done.complete(null);
      }
    }
    done.join();
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {}

  @Override
  public void onQueryProgress(QueryProgressEvent event) {}

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {
    if (event.runId().equals(runId)) {
      close();
    }
  }
}
