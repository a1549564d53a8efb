package ssa.it;

import java.time.Duration;

/**
 * What a crash test does to the job: how many lines it streams, how often the job is killed, after
 * which kill the Cassandra node restarts, and the seed of the kill moments.
 */
record CrashPlan(
    String jobName,
    long totalLines,
    int kills,
    int restartCassandraAfterKill,
    Duration timeout,
    long seed) {}
