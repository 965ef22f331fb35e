package llmperf.signoff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import llmperf.budgets.Budget;
import llmperf.budgets.BudgetCheck;
import llmperf.budgets.Thresholds;
import llmperf.resources.ResourceSamples;
import llmperf.signoff.log.RequestRecord;
import llmperf.signoff.log.RunLog;
import org.junit.jupiter.api.Test;

/** Soak drift per row, from a log whose first and last 10 s windows the test writes: each verdict it can give. */
class DriftTest {

  private static final long START = 1_700_000_000_000L;
  private static final List<String> TTFT = List.of("chat-sse", "ttft");
  private static final List<BudgetCheck> CHECKS = List.of(
      new BudgetCheck(new Budget("budgets.all.error-rate-percent", List.of("all"), "error-rate-percent", 1), List.of()),
      new BudgetCheck(new Budget("budgets.chat.ttft.p95", List.of("chat", "ttft"), "p95", 500), TTFT));

  /** {@code samples} TTFT rows of {@code firstMs} in the first window and of {@code lastMs} in the second, plus failures. */
  private static Summary.Phases.Drift drift(int samples, long firstMs, long lastMs, int lastFailures) {
    List<RequestRecord> rows = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      rows.add(new RequestRecord(List.of("chat-sse"), "ttft", START + 1000 + i, START + 1000 + i + firstMs, true, null));
      rows.add(new RequestRecord(List.of("chat-sse"), "ttft", START + 11_000 + i, START + 11_000 + i + lastMs, true, null));
    }
    for (int i = 0; i < lastFailures; i++) {
      rows.add(new RequestRecord(List.of("chat-sse"), "login", START + 12_000, START + 12_010, false, "http 500"));
    }
    rows.add(new RequestRecord(List.of("chat-sse"), "login", START + 20_000, START + 20_500, true, null));
    RunTally run = RunLog.ofRequests(START, rows).replayInto(new RunTally(10_000, null, null));
    RunPlan plan = new RunPlan("Soak", "ci", "embedded", CHECKS, CHECKS, Set.of(), 10_000, null, List.of(), true, 0,
        Thresholds.of(List.of()), Map.of(), Map.of(), null, null, null, ResourceSamples.none("embedded", "not sampled"),
        List.of(), Map.of());
    return Drift.of(run, Windows.of(run, plan.windowChecks()), plan);
  }

  @Test
  void aSteadyRowHolds() {
    Summary.Phases.Drift drift = drift(12, 100, 104, 0);
    assertTrue(drift.passed(), drift.verdict());
    assertEquals("holds on 1 of 1 rows", drift.verdict());
  }

  @Test
  void aMedianRisingPastItsThresholdAndTheFloorDrifts() {
    Summary.Phases.Drift drift = drift(12, 100, 130, 0);
    assertFalse(drift.passed());
    assertEquals("drifted: chat-sse / ttft median 100 -> 130 ms (+30 %, limit +15 %)", drift.verdict());
  }

  @Test
  void errorsCreepingPastTheBudgetInTheLastWindowFail() {
    Summary.Phases.Drift drift = drift(12, 100, 100, 3);
    assertFalse(drift.passed());
    assertTrue(drift.verdict().startsWith("errors crept to "), drift.verdict());
  }

  @Test
  void tooFewSamplesAreNotJudgedAndFail() {
    Summary.Phases.Drift drift = drift(9, 100, 100, 0);
    assertFalse(drift.passed());
    assertTrue(drift.verdict().startsWith("not judged: no budgeted row had 10 OK samples"), drift.verdict());
  }
}
