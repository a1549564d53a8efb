package ssa.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** conf/grafana's dashboard asks only for metrics the job exports, under the job label. */
class GrafanaDashboardTest {
  private static final Path DASHBOARD = Path.of("..", "conf", "grafana", "ssa-job.json");
  private static final Pattern METRIC = Pattern.compile("\\bssa_[a-z_]+");

  @Test
  void should_chart_only_metrics_the_job_exports() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    Set<String> asked = new TreeSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
      for (JsonNode target : panel.get("targets")) {
        String expr = target.get("expr").asText();
        assertThat(expr).as("every query filters on the job variable").contains("job=~\"$job\"");
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
          asked.add(m.group());
        }
      }
    }

    JobMetrics metrics = new JobMetrics("ssa", Duration.ofSeconds(5));
    metrics.batchWritten(JobMetricsTest.outcome(1, 1000, 10, 2));
    metrics.backlog(0);
    metrics.progress(1, 1000, 500.0, 800.0, 1250, 1000);
    Set<String> exported = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^# TYPE (ssa_[a-z_]+)").matcher(metrics.prometheus());
    while (m.find()) {
      exported.add(m.group(1));
    }

    assertThat(asked).hasSizeGreaterThan(10);
    assertThat(exported).containsAll(asked);
  }
}
