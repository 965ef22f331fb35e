package llmperf.budgets;

import java.math.BigDecimal;
import java.util.List;

/**
 * One budget judged on one report path: what Gatling asserts and what the sign-off judges again from the log.
 *
 * @param path the report path (groups, then the request); empty for the global error rate
 */
public record BudgetCheck(Budget budget, List<String> path) {

  public String pathText() {
    return path.isEmpty() ? "global" : String.join(" / ", path);
  }

  /** The tightest p95 budget on {@code path}, regression checks aside; +infinity when none applies. */
  public static double p95Limit(List<BudgetCheck> checks, List<String> path) {
    return checks.stream()
        .filter(c -> c.path().equals(path) && c.budget().statistic().equals("p95")
            && !c.budget().key().startsWith(Thresholds.REGRESSION_PREFIX))
        .mapToDouble(c -> c.budget().limit()).min().orElse(Double.POSITIVE_INFINITY);
  }

  /** The budget's limit as the console and the sign-off print it. */
  public static String limitText(Budget budget) {
    if (budget.isResource()) {
      return BigDecimal.valueOf(budget.limit()).stripTrailingZeros().toPlainString();
    }
    if (budget.isDuration()) {
      return durationText(Math.round(budget.limit()));
    }
    return BigDecimal.valueOf(budget.limit()).stripTrailingZeros().toPlainString() + " %";
  }

  /** A duration as simulations.conf writes it, so a listed limit can be copied into a -D: 500ms, 10s, 2m. */
  static String durationText(long millis) {
    if (millis == 0 || millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }
}
