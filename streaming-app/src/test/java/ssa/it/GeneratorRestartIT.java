package ssa.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ssa.config.JobSettings;
import ssa.generator.Generator;
import ssa.generator.GeneratorSettings;
import ssa.job.StreamingJob;
import ssa.launcher.cassandra.LocalCassandraExtension;

/** The generator goes away and comes back while the job runs: the job waits, then resumes. */
@ExtendWith(LocalCassandraExtension.class)
class GeneratorRestartIT {
  private static final String START = "2026-04-30T23:59:50Z";

  @Test
  void should_resume_exactly_where_it_was_when_the_generator_restarts() throws Exception {
    long total = 30_000;
    Map<String, Object> shape =
        new HashMap<>(ItSupport.messyStream("it5", total, 3_000, 4, 11, START, "3s"));
    GeneratorSettings first = ItSupport.generatorSettings(shape);
    ExpectedRollups expected = ExpectedRollups.of(first);

    Generator generator = ItSupport.startGenerator(first);
    int port = generator.port();
    // Small batches, so the generator goes away with most of the stream still to read.
    JobSettings settings =
        ItSupport.jobSettings("it_generator_restart", port, "source.max-lines-per-batch = 3000");
    try (CqlSession session = ItSupport.freshKeyspace(settings)) {
      SparkSession spark = ItSupport.spark(settings);
      StreamingQuery query = ItSupport.startQuery(settings);
      try {
        ItSupport.awaitLines(query, session, settings.name(), 6_000);
        generator.close();
        long beforeRestart = ItSupport.linesProcessed(session, settings.name());
        Thread.sleep(4_000);
        assertThat(query.isActive()).as("the job outlives its generator").isTrue();

        shape.put("port", port);
        generator = ItSupport.startGenerator(ItSupport.generatorSettings(shape));
        ItSupport.awaitLines(query, session, settings.name(), total);
        assertThat(beforeRestart).isLessThan(total);
      } finally {
        StreamingJob.stop(query);
        generator.close();
      }
      assertThat(ItSupport.linesProcessed(session, settings.name())).isEqualTo(total);
      assertThat(Tables.count(spark, settings, "events_raw")).isEqualTo(expected.valid);
      assertThat(Tables.count(spark, settings, "dead_letter")).isEqualTo(expected.malformed);
      RollupAssertions.assertRollupsMatch(session, expected);
    }
  }
}
