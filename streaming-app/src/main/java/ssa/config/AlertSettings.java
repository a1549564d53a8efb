package ssa.config;

import java.time.Duration;
import java.util.List;
import ssa.rollup.AlertRule;

/**
 * The alert rules and where their firings go besides the alerts table.
 *
 * @param log one log line per firing
 * @param webhookUrl empty for no webhook
 * @param webhookAttempts tries per firing before it waits for the job's next start
 * @param kafkaTopic empty for none
 * @param kafkaBootstrapServers the source's, used for the alert topic too
 */
public record AlertSettings(
    List<AlertRule> rules,
    boolean log,
    String webhookUrl,
    Duration webhookTimeout,
    int webhookAttempts,
    String kafkaTopic,
    String kafkaBootstrapServers) {

  public AlertSettings {
    rules = List.copyOf(rules);
  }
}
