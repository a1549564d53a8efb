package ssa.store;

import java.io.Serializable;

/** Opens an {@link EventWriter} in a task; shipped to the executors with the task. */
public interface EventWriters extends Serializable {
  EventWriter open();
}
