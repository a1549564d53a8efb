package ssa.store;

/** Names of the tables in cql/schema.cql that the jobs write. */
public final class Tables {
  public static final String EVENTS_RAW = "events_raw";
  public static final String ROLLUPS = "rollups";
  public static final String ROLLUP_KEYS = "rollup_keys";
  public static final String DEAD_LETTER = "dead_letter";
  public static final String STREAM_PROGRESS = "stream_progress";
  public static final String BATCH_STATS = "batch_stats";
  public static final String RAW_DAYS = "raw_days";
  public static final String RAW_DAY_KEYS = "raw_day_keys";
  public static final String RAW_ARRIVALS = "raw_arrivals";
  public static final String INCREMENTAL_STATE = "incremental_state";
  public static final String ROLLUP_REWRITES = "rollup_rewrites";
  public static final String ROLLUP_PENDING = "rollup_pending";
  public static final String ALERTS = "alerts";
  public static final String ALERTS_UNDELIVERED = "alerts_undelivered";

  private Tables() {}
}
