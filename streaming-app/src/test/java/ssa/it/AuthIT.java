package ssa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ssa.config.JobSettings;
import ssa.job.StreamingJob;
import ssa.launcher.cassandra.LocalCassandraExtension;
import ssa.store.Sessions;

/**
 * The test node runs with PasswordAuthenticator (`run.sh test` starts it so): the job writes with
 * the node's login, and without one, or with a wrong one, it stops at start saying why.
 */
@ExtendWith(LocalCassandraExtension.class)
class AuthIT {
  private static final String NAME = "it_auth";

  @Test
  void should_write_with_credentials_and_stop_at_start_without_them() throws Exception {
    try (LineServer server = new LineServer()) {
      JobSettings settings = ItSupport.jobSettings(NAME, server.port(), "source.format = socket");
      assertThat(settings.cassandra().security().credentials())
          .as("the node's login, from SSA_CASSANDRA_USERNAME and SSA_CASSANDRA_PASSWORD")
          .isPresent();
      JobSettings anonymous =
          with(settings, "cassandra.username = \"\", cassandra.password = \"\"");
      assertThatThrownBy(() -> Sessions.open(anonymous.cassandra()).close())
          .as("the node must require a login: start it with SSA_CASSANDRA_AUTH=password")
          .isInstanceOf(AllNodesFailedException.class)
          .hasMessageContaining("requires authentication");

      try (CqlSession session = ItSupport.freshKeyspace(settings)) {
        StreamingQuery query = ItSupport.startQuery(settings);
        try {
          Instant t = Instant.now();
          server.send(
              BadInputIT.event("a", "/auth", t),
              BadInputIT.event("b", "/auth", t.plusMillis(1)),
              BadInputIT.event("c", "/auth", t.plusMillis(2)));
          ItSupport.awaitLines(query, session, settings.name(), 3);
        } finally {
          StreamingJob.stop(query);
        }
        assertThat(session.execute("SELECT count(*) FROM events_raw").one().getLong(0))
            .isEqualTo(3);
      }

      assertJobStops(anonymous, "no-login", "set ssa.job.cassandra.username and password");
      assertJobStops(
          with(settings, "cassandra.password = \"not-the-password\""),
          "wrong-password",
          "password");
    }
  }

  private static JobSettings with(JobSettings settings, String more) throws Exception {
    return ItSupport.jobSettings(NAME, settings.source().port(), "source.format = socket, " + more);
  }

  /** The job's own main, in its own JVM: it must exit at start, its log saying why. */
  private static void assertJobStops(JobSettings settings, String tag, String reason)
      throws Exception {
    Path module =
        Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    Path work = Files.createDirectories(module.resolve("target/auth-it/" + tag));
    Path config =
        JobProcess.writeConfig(work.resolve("job.conf"), settings, settings.checkpointLocation());
    try (JobProcess job =
        new JobProcess(
            JobProcess.command(module.getParent(), config, work), work, work.resolve("job.log"))) {
      job.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (job.alive() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(job.alive())
          .as("the job without a valid login still runs: " + job.tail(20))
          .isFalse();
      assertThat(job.exitCode()).as(job.tail(20)).isEqualTo("3");
      assertThat(job.tail(50)).contains("ssa job: cannot log in to Cassandra at").contains(reason);
    }
  }
}
