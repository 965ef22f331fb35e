package llmperf.budgets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a baseline allows a row's p95 to reach before it is a regression, and which rows get a check. */
class RegressionTest {

  @Test
  void aP95InsideTheBaselinesOwnTailIsNoiseAndOneAboveItIsARegression() {
    Regression.Reference sendMessage = new Regression.Reference(19, 38);
    assertEquals(38, Regression.allowedP95(sendMessage, 10), "19 ms +10 % or +15 ms would flag 35 ms; its p99 was 38");
    Regression.Reference ttft = new Regression.Reference(113, 121);
    assertEquals(129, Regression.allowedP95(ttft, 15), "113 ms +15 %: a TTFT +30 ms (143 ms) is flagged");
    assertEquals(34, Regression.allowedP95(new Regression.Reference(19, 0), 10),
        "a baseline saved before the p99 was kept: the noise floor alone");
  }

  @Test
  void everyBudgetedLatencyRowTheBaselineMeasuredGetsOneCheckWithItsThreshold() {
    Budget p95 = new Budget("budgets.rest.p95", List.of("rest"), "p95", 300);
    Budget p99 = new Budget("budgets.rest.p99", List.of("rest"), "p99", 500);
    List<String> send = List.of("chat-sse", "send message");
    List<String> ttft = List.of("chat-sse", "ttft");
    List<BudgetCheck> checks = Regression.checks(
        List.of(new BudgetCheck(p95, send), new BudgetCheck(p99, send), new BudgetCheck(p95, ttft),
            new BudgetCheck(p95, List.of("health", "health"))),
        Map.of(send, new Regression.Reference(19, 38), ttft, new Regression.Reference(113, 121)), Set.of(send),
        Thresholds.of(List.of()));
    assertEquals(List.of("budgets.regression.api-percent", "budgets.regression.ml-percent"),
        checks.stream().map(c -> c.budget().key()).toList(), "one per row, none for a row the baseline lacks");
    assertEquals(List.of(39.0, 130.0), checks.stream().map(c -> c.budget().limit()).toList(),
        "Gatling's strict less-than: the allowed p95 plus one");
  }
}
