package ssa.rollup;

/**
 * One firing of an alert rule: the row that met it and the figure it had. There is at most one per
 * (rule, row): the store records the first and refuses the rest, so a replayed batch fires nothing
 * twice.
 *
 * @param batch the batch that fired it
 */
public record Alert(String rule, RollupKey row, String condition, double value, String batch) {

  /** Stable across replays and restarts, so a webhook receiver can drop a repeated delivery. */
  public String id() {
    return rule + "/" + row.key() + "/" + row.bucket();
  }
}
