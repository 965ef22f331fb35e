package llmperf.signoff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import llmperf.budgets.Budget;
import llmperf.budgets.BudgetCheck;
import llmperf.client.StreamClient;
import llmperf.metrics.GeneratorMonitor;
import llmperf.signoff.WrittenRuns;
import org.junit.jupiter.api.Test;

/** Several generators' plans as one: what adds up, what is shared, whose health judges the whole. */
class MergedPlanTest {

  private static RunPlan generator(long journeys, double lagP99Ms, String aborted, double stairRate) {
    RunPlan p = WrittenRuns.plan("ci", journeys, lagP99Ms);
    return new RunPlan(p.simulation(), p.scale(), p.target(), p.checks(), p.windowChecks(), p.apiRows(), p.windowMs(),
        p.spike(), List.of(new RunPlan.Stair("stair 1 (" + stairRate + " users/s)", stairRate, p.checks())), p.soak(),
        p.expectedJourneys(), p.thresholds(), p.streamTallies(), p.truthTallies(), p.generator(), aborted,
        p.scaling(), p.resources(), p.resourceBudgets(), p.conversations(), new StreamClient.Resends(journeys, 1),
        null);
  }

  @Test
  void journeysTalliesStairRatesAndResendsAddUpAndTheLeastReliableGeneratorJudges() {
    RunPlan merged = MergedPlan.of(List.of(generator(30, 2, null, 5), generator(20, 14, "dead target", 5),
        generator(10, 6, null, 5)));
    assertEquals(60, merged.expectedJourneys());
    assertEquals(60 * 1000, merged.streamTallies().get("chat-sse").outputTokens());
    assertEquals(60, merged.streamTallies().get("chat-sse").replies());
    assertEquals(15, merged.stairs().get(0).ratePerSec(), 1e-9, "the target took every generator's rate");
    assertEquals(new StreamClient.Resends(60, 3), merged.resends());
    assertEquals(14, merged.generator().lagP99Ms(), "the generator whose lag made its figures unreliable");
    assertEquals("dead target", merged.aborted());
    assertEquals("embedded reference target", merged.target());
  }

  @Test
  void amongReliableGeneratorsTheOneThatLaggedMostJudges() {
    GeneratorMonitor.Health worst = MergedPlan.leastReliable(List.of(generator(1, 2, null, 1).generator(),
        generator(1, 6, null, 1).generator(), generator(1, 3, null, 1).generator()), generator(1, 1, null, 1));
    assertEquals(6, worst.lagP99Ms());
  }

  @Test
  void plansOfOtherBudgetsOrShapesAreNotAlike() {
    RunPlan plan = generator(10, 1, null, 5);
    assertTrue(MergedPlan.judgedAlike(plan, generator(20, 8, null, 5)), "shares and health may differ");
    assertFalse(MergedPlan.judgedAlike(plan, generator(10, 1, null, 6)), "another staircase");
    List<BudgetCheck> looser = List.of(new BudgetCheck(new Budget("budgets.chat.ttft.p95", List.of("chat", "ttft"),
        "p95", 900), WrittenRuns.TTFT));
    RunPlan other = new RunPlan(plan.simulation(), plan.scale(), plan.target(), looser, plan.windowChecks(),
        plan.apiRows(), plan.windowMs(), plan.spike(), plan.stairs(), plan.soak(), plan.expectedJourneys(),
        plan.thresholds(), Map.of(), Map.of(), plan.generator(), null, null, plan.resources(), List.of(), Map.of(),
        plan.resends(), null);
    assertFalse(MergedPlan.judgedAlike(plan, other), "other budgets");
  }
}
