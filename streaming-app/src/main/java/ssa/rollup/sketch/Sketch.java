package ssa.rollup.sketch;

import java.io.Serializable;

/**
 * A mergeable summary of many values, stored as bytes beside a rollup's plain figures. Merging is
 * commutative and associative, so a bucket's sketch is the same whatever batches its events came
 * in, and a coarser bucket's sketch is the union of its finer ones.
 */
public interface Sketch extends Serializable {
  /** A new sketch holding both this one's values and the other's; neither is changed. */
  Sketch merged(Sketch other);

  /** The stored form, read back by the kind's own {@code fromBytes}. */
  byte[] toBytes();
}
