package llmperf.budgets;

import java.util.List;

/**
 * One budget from simulations.conf, e.g. {@code budgets.chat.ttft.p95 = 500ms}.
 *
 * @param key the full config key, which is also the budget's name in reports
 * @param scope the path between "budgets" and the statistic, e.g. [chat, ttft]
 * @param statistic p50, p75, p95, p99, max, mean, or a named figure such as error-rate-percent
 * @param limit milliseconds for latency statistics, percent for "-percent" figures, the series' unit for a target
 *     series
 */
public record Budget(String key, List<String> scope, String statistic, double limit) {

  /** The statistic of a check that a row ran at least once, whatever its values (Smoke). */
  public static final String RAN = "ran";
  /** The scope of budgets on the target's own series (budgets.target.heap-mb.max), judged on its samples. */
  public static final String TARGET_SCOPE = "target";

  public boolean isLatency() {
    return !isResource() && (Budgets.LATENCY_STATISTICS.contains(statistic) || statistic.equals("recovery"));
  }

  /** A budget on one of the target's own series, in that series' unit. */
  public boolean isResource() {
    return scope.get(0).equals(TARGET_SCOPE);
  }
}
