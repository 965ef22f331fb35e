package llmperf.signoff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import llmperf.budgets.Thresholds;
import llmperf.signoff.log.RequestRecord;
import llmperf.signoff.log.RunLog;
import org.junit.jupiter.api.Test;

/** Storytailor's four scalability figures, on steps whose every request the test writes. */
class ScalingStepsTest {

  private static final long START = 1_700_000_000_000L;
  private static final RunPlan.Scaling PLAN = new RunPlan.Scaling("low (2 users)", 2, 10_000, "high (8 users)", 8,
      10_000);
  private static final Thresholds.Scaling LIMITS = Thresholds.of(List.of()).scaling();

  /**
   * {@code ok} requests of {@code ms} ending evenly inside the step's 10 s from {@code from}, one more ending after
   * it (a journey still running), then {@code failed} failures.
   */
  private static void step(List<RequestRecord> into, String group, long from, int ok, long ms, int failed) {
    for (int i = 0; i < ok; i++) {
      long start = from + i * (10_000 - ms) / ok;
      into.add(new RequestRecord(List.of(group, "story"), "list models", start, start + ms, true, null));
    }
    if (ok > 0) {
      into.add(new RequestRecord(List.of(group, "story"), "list models", from + 9_990, from + 10_000 + ms, true, null));
    }
    for (int i = 0; i < failed; i++) {
      into.add(new RequestRecord(List.of(group, "story"), "list models", from, from + 5, false, "http 500"));
    }
  }

  private static Summary.Phases.Scaling scaling(List<RequestRecord> requests) {
    return ScalingSteps.of(RunLog.ofRequests(START, requests).replayInto(new RunTally(5_000, null, PLAN)), PLAN);
  }

  @Test
  void efficiencyIsTheThroughputRatioOverTheUsersRatio() {
    List<RequestRecord> requests = new ArrayList<>();
    step(requests, "low (2 users)", START, 20, 100, 0);
    step(requests, "high (8 users)", START + 20_000, 40, 150, 2);
    Summary.Phases.Scaling scaling = scaling(requests);
    assertEquals(2.0, scaling.steps().get(0).perSecond(), 1e-9);
    assertEquals(4.0, scaling.steps().get(1).perSecond(), 1e-9);
    assertEquals(50.0, scaling.efficiencyPercent(), 1e-9, "(4 / 2) / (8 / 2)");
    List<Summary.BudgetResult> budgets = ScalingSteps.budgets(scaling, LIMITS);
    assertEquals(List.of(50.0, 50.0, 100.0 * 2 / 43, 50.0), budgets.stream().map(Summary.BudgetResult::actual).toList());
    assertEquals(List.of(true, false, true, false), budgets.stream().map(Summary.BudgetResult::passed).toList(),
        "a p95 rise of exactly 50 % holds; half the linear throughput fails both throughput budgets");
    assertEquals("budgets.scalability.min-scaling-efficiency-percent on high (8 users) against low (2 users): 50 %"
        + " (limit 70 %)", budgets.get(3).describe());
  }

  /** The throughput scales, but the high step's p95 rose by more than half. */
  @Test
  void aP95RisingPastItsLimitFailsAlone() {
    List<RequestRecord> requests = new ArrayList<>();
    step(requests, "low (2 users)", START, 20, 100, 0);
    step(requests, "high (8 users)", START + 20_000, 80, 151, 0);
    List<Summary.BudgetResult> budgets = ScalingSteps.budgets(scaling(requests), LIMITS);
    assertEquals(51.0, budgets.get(0).actual(), 1e-9);
    assertEquals(List.of(false, true, true, true), budgets.stream().map(Summary.BudgetResult::passed).toList());
  }

  @Test
  void aStepWithoutAnOkRequestIsNotJudgedAndFails() {
    List<RequestRecord> requests = new ArrayList<>();
    step(requests, "low (2 users)", START, 20, 100, 0);
    step(requests, "high (8 users)", START + 20_000, 0, 100, 30);
    List<Summary.BudgetResult> budgets = ScalingSteps.budgets(scaling(requests), LIMITS);
    assertNull(budgets.get(0).actual());
    assertFalse(budgets.get(0).passed());
    assertTrue(budgets.get(0).describe().contains("no OK request in high (8 users)"), budgets.get(0).describe());
    assertFalse(budgets.get(2).passed(), "the error rate rose by 100 points");
    assertFalse(budgets.get(3).passed());
  }
}
