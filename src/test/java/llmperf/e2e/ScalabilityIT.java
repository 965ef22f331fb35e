package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import llmperf.budgets.Thresholds;
import llmperf.signoff.analysis.Summary;
import llmperf.suite.simulations.Scalability;
import llmperf.support.GatlingRun;
import org.junit.jupiter.api.Test;

/**
 * Storytailor's scalability validation against the reference server, on its OpenAI journey (one kind of journey,
 * so the two steps draw alike): with slots for every user it scales; with fewer slots than the high step's users,
 * the queue eats the extra users and scaling efficiency fails, saying by how much.
 */
class ScalabilityIT {

  private static Summary run(String slots) {
    GatlingRun.Outcome outcome = GatlingRun.run(Scalability.class, Map.of("workload", "openai",
        "embedded-target.generation.slots", slots, "embedded-target.generation.queue", "256"));
    return outcome.signOff();
  }

  private static Summary.BudgetResult budget(Summary summary, String key) {
    return summary.budgets().stream().filter(b -> b.key().equals(key)).findFirst().orElseThrow();
  }

  @Test
  void withASlotForEveryUserItScales() {
    Summary summary = run("64");
    assertTrue(summary.passed(), summary.reasons().toString());
    Summary.Phases.Scaling scaling = summary.phases().scaling();
    assertNotNull(scaling.efficiencyPercent());
    assertTrue(scaling.efficiencyPercent() >= 70, scaling.toString());
    assertEquals(2, scaling.steps().get(0).users());
    assertEquals(8, scaling.steps().get(1).users());
  }

  @Test
  void withFewerSlotsThanTheHighStepsUsersScalingEfficiencyFails() {
    Summary summary = run("2");
    Summary.BudgetResult efficiency = budget(summary, Thresholds.MIN_SCALING_EFFICIENCY);
    assertFalse(efficiency.passed());
    assertTrue(efficiency.actual() < 50, efficiency.describe());
    assertTrue(efficiency.describe().matches("budgets.scalability.min-scaling-efficiency-percent on high \\(8 users\\)"
        + " against low \\(2 users\\): [0-9.]+ % \\(limit 70 %\\)"), efficiency.describe());
    assertTrue(summary.reasons().contains(efficiency.describe()), summary.reasons().toString());
    assertFalse(budget(summary, Thresholds.THROUGHPUT_DEGRADATION).passed(), "the same shortfall, seen as throughput");
    assertTrue(budget(summary, Thresholds.ERROR_RATE_INCREASE).passed(), "the queue held every request: no errors");
  }
}
