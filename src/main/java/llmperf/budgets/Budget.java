package llmperf.budgets;

import java.util.List;
import java.util.Map;
import java.util.Set;

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
  /** The statistics of a latency budget, in milliseconds. */
  public static final Set<String> LATENCY_STATISTICS = Set.of("p50", "p75", "p95", "p99", "max", "mean");
  /** Scopes judged from the run's windows and baselines by the sign-off, not by a Gatling assertion. */
  public static final Set<String> SIGN_OFF_SCOPES = Set.of("steady", "spike", "soak", "regression", "abort",
      "scalability", TARGET_SCOPE);
  /** Scopes that name several journeys at once. */
  public static final Map<String, List<String>> JOURNEY_ALIASES = Map.of("chat", List.of("chat-sse", "chat-ws"));

  public boolean isLatency() {
    return !isResource() && (LATENCY_STATISTICS.contains(statistic) || statistic.equals("recovery"));
  }

  /** A limit that is a duration in milliseconds: latency statistics, a recovery time, a window. */
  public boolean isDuration() {
    return isLatency() || (!isResource() && statistic.equals("window"));
  }

  /** A budget on one of the target's own series, in that series' unit. */
  public boolean isResource() {
    return scope.get(0).equals(TARGET_SCOPE);
  }
}
