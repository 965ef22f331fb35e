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
    return budget.isLatency() ? Math.round(budget.limit()) + " ms" : budget.limit() + " %";
  }
}
