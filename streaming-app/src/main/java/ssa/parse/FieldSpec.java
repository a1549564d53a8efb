package ssa.parse;

import java.io.Serializable;

/** One field of the stream as configured: its wire name, type, and whether a line must have it. */
public record FieldSpec(String name, FieldType type, boolean required) implements Serializable {}
