package ssa.it;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import ssa.config.JobSettings;
import ssa.generator.Generator;
import ssa.generator.GeneratorSettings;

/**
 * Where a streaming test starts: a generator serving a deterministic stream, job settings that read
 * it, and a fresh keyspace with a session in it. Closing it closes the session and the generator.
 */
final class GeneratedStream implements AutoCloseable {
  final GeneratorSettings generated;
  final Generator generator;
  final JobSettings settings;
  final CqlSession session;
  private ExpectedRollups expected;

  private GeneratedStream(
      GeneratorSettings generated, Generator generator, JobSettings settings, CqlSession session) {
    this.generated = generated;
    this.generator = generator;
    this.settings = settings;
    this.session = session;
  }

  /**
   * @param name the job's name and keyspace
   * @param stream generator settings relative to ssa.generator (count, rate, keys, seed, ...)
   * @param jobHocon more settings inside the ssa.job block, or ""
   */
  static GeneratedStream start(String name, Map<String, Object> stream, String jobHocon)
      throws Exception {
    GeneratorSettings generated = ItSupport.generatorSettings(stream);
    Generator generator = ItSupport.startGenerator(generated);
    try {
      JobSettings settings = ItSupport.jobSettings(name, generator.port(), jobHocon);
      return new GeneratedStream(generated, generator, settings, ItSupport.freshKeyspace(settings));
    } catch (Exception | Error e) {
      generator.close();
      throw e;
    }
  }

  /** The rollups of every event the generator serves, computed from its own events once. */
  synchronized ExpectedRollups expected() {
    if (expected == null) {
      expected = ExpectedRollups.of(generated);
    }
    return expected;
  }

  SparkSession spark() {
    return ItSupport.spark(settings);
  }

  /** Starts the job's query on this stream; the caller stops it. */
  StreamingQuery startQuery() throws Exception {
    return ItSupport.startQuery(settings);
  }

  /** Runs the job until it has taken in {@code lines} lines, then stops it. */
  void runUntil(long lines) throws Exception {
    ItSupport.runUntil(settings, session, lines);
  }

  long linesProcessed() {
    return ItSupport.linesProcessed(session, settings.name());
  }

  long lateEvents() {
    return ItSupport.lateEvents(session, settings.name());
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      generator.close();
    }
  }
}
