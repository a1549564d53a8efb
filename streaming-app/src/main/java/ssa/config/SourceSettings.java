package ssa.config;

/** Where the job reads its lines from. */
public record SourceSettings(String format, String host, int port) {}
