package llmperf.budgets;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;
import java.util.Collection;
import java.util.List;

/**
 * Budget checks as Gatling assertions, so that {@code mvn gatling:test} fails the build when one fails. A path
 * that never ran fails the run loudly ("Could not find stats matching assertion path"), it is never skipped.
 */
public final class BudgetAssertions {

  private BudgetAssertions() {}

  public static List<Assertion> of(Collection<BudgetCheck> checks) {
    return checks.stream().map(BudgetAssertions::of).toList();
  }

  /** That each row ran at least once, without judging its value: for runs too short for percentiles. */
  public static List<Assertion> presence(Collection<List<String>> rowPaths) {
    return rowPaths.stream().map(path -> details(path.toArray(String[]::new)).allRequests().count().gt(0L)).toList();
  }

  /** No request failed. */
  public static Assertion zeroErrors() {
    return global().failedRequests().count().is(0L);
  }

  private static Assertion of(BudgetCheck check) {
    Budget budget = check.budget();
    String[] path = check.path().toArray(String[]::new);
    if (budget.scope().get(0).equals("all")) {
      return (path.length == 0 ? global() : details(path)).failedRequests().percent().lt(budget.limit());
    }
    var metric = details(path).responseTime();
    int limit = (int) Math.round(budget.limit());
    var target = switch (budget.statistic()) {
      case "max" -> metric.max();
      case "mean" -> metric.mean();
      default -> metric.percentile(Double.parseDouble(budget.statistic().substring(1)));
    };
    return target.lt(limit);
  }
}
