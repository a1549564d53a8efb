package ssa.publish;

import ssa.rollup.Alert;

/** Somewhere a firing is sent. A sink throws when it could not take the firing. */
interface AlertSink extends AutoCloseable {
  void send(Alert alert, String json) throws Exception;

  @Override
  default void close() {}
}
