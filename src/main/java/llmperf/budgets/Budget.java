package llmperf.budgets;

import java.util.List;

/**
 * One budget from simulations.conf, e.g. {@code budgets.chat.ttft.p95 = 500ms}.
 *
 * @param key the full config key, which is also the budget's name in reports
 * @param scope the path between "budgets" and the statistic, e.g. [chat, ttft]
 * @param statistic p50, p75, p95, p99, max, mean, or a named figure such as error-rate-percent
 * @param limit milliseconds for latency statistics, percent for "-percent" figures
 */
public record Budget(String key, List<String> scope, String statistic, double limit) {

  /** The statistic of a check that a row ran at least once, whatever its values (Smoke). */
  public static final String RAN = "ran";

  public boolean isLatency() {
    return Budgets.LATENCY_STATISTICS.contains(statistic) || statistic.equals("recovery");
  }
}
