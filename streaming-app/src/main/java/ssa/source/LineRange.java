package ssa.source;

import org.apache.spark.sql.connector.read.InputPartition;

/**
 * The lines with sequence numbers in [from, until), all received at {@code receivedAtMillis}; a
 * reader keeps asking for them for up to {@code retryForMillis}.
 */
record LineRange(
    String host, int port, long from, long until, long receivedAtMillis, long retryForMillis)
    implements InputPartition {}
