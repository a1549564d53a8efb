package ssa.publish;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ssa.rollup.Alert;

/** One WARN line per firing, for operators reading the job's log. */
final class LogSink implements AlertSink {
  private static final Logger LOG = LoggerFactory.getLogger("ssa.alert");

  @Override
  public void send(Alert alert, String json) {
    LOG.warn(
        "alert {}: {} {} {} at {}: {} (value {})",
        alert.rule(),
        alert.row().rollup(),
        alert.row().grain().id(),
        alert.row().key(),
        alert.row().bucket(),
        alert.condition(),
        alert.value());
  }
}
