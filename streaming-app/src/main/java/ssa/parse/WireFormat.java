package ssa.parse;

/** How events are written on the wire. */
public enum WireFormat {
  JSON,
  CSV
}
