package ssa.publish;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ssa.rollup.Alert;
import ssa.store.BatchStore;

/**
 * Sends firings to every sink on a thread of its own, so a slow or dead webhook never holds up a
 * batch. Each sink gets a firing up to {@code attempts} times, waiting 1 s and doubling up to 30 s
 * in between; once every sink took it, the store marks it delivered. One a sink refused stays
 * undelivered in the store and is sent again when the job next starts.
 */
final class AlertSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertSender.class);
  private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

  private final List<AlertSink> sinks;
  private final int attempts;
  private final BatchStore store;
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "ssa-alert-sender");
            t.setDaemon(true);
            return t;
          });

  AlertSender(List<AlertSink> sinks, int attempts, BatchStore store) {
    this.sinks = List.copyOf(sinks);
    this.attempts = attempts;
    this.store = store;
  }

  /** Queues firings; one already queued is not queued twice. */
  void send(List<Alert> alerts) {
    for (Alert alert : alerts) {
      if (queued.add(alert.id())) {
        thread.execute(() -> deliver(alert));
      }
    }
  }

  private void deliver(Alert alert) {
    try {
      String json = AlertJson.of(alert);
      for (AlertSink sink : sinks) {
        if (!sendWithRetries(sink, alert, json)) {
          return;
        }
      }
      store.alertDelivered(alert);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("alert {}: not marked delivered; it is sent again at the next start", alert.id(), e);
    } finally {
      queued.remove(alert.id());
    }
  }

  private boolean sendWithRetries(AlertSink sink, Alert alert, String json)
      throws InterruptedException {
    Duration wait = FIRST_WAIT;
    for (int attempt = 1; ; attempt++) {
      try {
        sink.send(alert, json);
        return true;
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        if (attempt >= attempts) {
          LOG.warn(
              "alert {}: {} failed {} times, last with {}; it is sent again at the next start",
              alert.id(),
              sink.getClass().getSimpleName(),
              attempt,
              e.toString());
          return false;
        }
        Thread.sleep(wait.toMillis());
        wait = Collections.min(List.of(wait.multipliedBy(2), LONGEST_WAIT));
      }
    }
  }

  /** Stops sending: what is still queued stays undelivered for the next start. */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sinks.forEach(AlertSink::close);
  }
}
