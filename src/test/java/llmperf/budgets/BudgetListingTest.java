package llmperf.budgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import llmperf.config.SuiteConfig;
import org.junit.jupiter.api.Test;

/** The console's budget listing prints each limit in its own kind: a duration as a duration, a share as percent. */
class BudgetListingTest {

  @Test
  void durationsArePrintedAsDurationsAndPercentagesAsPercentages() {
    List<String> lines = BudgetPaths.of(SuiteConfig.defaults().budgets(), List.of(), List.of()).describe();
    assertTrue(lines.contains("budgets.abort.window = 10s  (judged by the sign-off report)"), lines.toString());
    assertTrue(lines.contains("budgets.spike.recovery = 30s  (judged by the sign-off report)"), lines.toString());
    assertTrue(lines.contains("budgets.abort.error-rate-percent = 90 %  (judged by the sign-off report)"),
        lines.toString());
  }

  @Test
  void eachKindOfLimitReadsAsSimulationsConfWritesIt() {
    assertEquals("500ms", BudgetCheck.limitText(budget("p95", 500)));
    assertEquals("1500ms", BudgetCheck.limitText(budget("p95", 1500)));
    assertEquals("3s", BudgetCheck.limitText(budget("p99", 3000)));
    assertEquals("2m", BudgetCheck.limitText(budget("max", 120_000)));
    assertEquals("0.5 %", BudgetCheck.limitText(new Budget("budgets.all.error-rate-percent", List.of("all"),
        "error-rate-percent", 0.5)));
    assertEquals("500", BudgetCheck.limitText(new Budget("budgets.target.heap-mb.max", List.of("target", "heap-mb"),
        "max", 500)));
  }

  private static Budget budget(String statistic, double millis) {
    return new Budget("budgets.rest." + statistic, List.of("rest"), statistic, millis);
  }

  @Test
  void anOverriddenWindowIsListedAsTheDurationGiven() {
    List<Budget> budgets = SuiteConfig.load(Map.of("budgets.abort.window", "2500ms"), Map.of()).budgets();
    assertTrue(BudgetPaths.of(budgets, List.of(), List.of()).describe()
        .contains("budgets.abort.window = 2500ms  (judged by the sign-off report)"));
  }
}
