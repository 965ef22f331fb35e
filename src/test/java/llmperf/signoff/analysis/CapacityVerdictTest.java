package llmperf.signoff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import llmperf.budgets.Budget;
import llmperf.budgets.BudgetCheck;
import llmperf.budgets.Thresholds;
import llmperf.client.StreamClient;
import llmperf.metrics.GeneratorMonitor;
import llmperf.resources.ResourceSamples;
import llmperf.signoff.log.RequestRecord;
import llmperf.signoff.log.RunLog;
import org.junit.jupiter.api.Test;

/** The Capacity run fails when its search found no rate meeting every budget, whatever its own load did. */
class CapacityVerdictTest {

  private static final long START = 1_700_000_000_000L;
  private static final List<BudgetCheck> CHECKS = List.of(
      new BudgetCheck(new Budget("budgets.all.error-rate-percent", List.of("all"), "error-rate-percent", 1), List.of()));

  private static final GeneratorMonitor.Health HEALTHY =
      new GeneratorMonitor.Health(6000, 0.1, 1, 2, 0.4, 0.8, 50, 0.5, 100, 1024, 2);

  private static Summary summarize(CapacitySearch search) {
    RunTally run = RunLog.ofRequests(START, List.of(
        new RequestRecord(List.of("story"), "list models", START + 100, START + 110, true, null)))
        .replayInto(new RunTally(5_000, null, null));
    RunPlan plan = new RunPlan("Capacity", "ci", "embedded", CHECKS, CHECKS, Set.of(), 5_000, null, List.of(), false,
        0, Thresholds.of(List.of()), Map.of(), Map.of(), HEALTHY, null, null,
        ResourceSamples.none("embedded", "not sampled"), List.of(), Map.of(), new StreamClient.Resends(0, 0), search);
    return RunAnalysis.summarize(run, plan, "abc", null);
  }

  private static CapacitySearch.Probe probe(double rate, boolean held, String... failed) {
    return new CapacitySearch.Probe(rate, held, List.of(failed), rate * 3, rate * 50, held ? 0 : 12,
        "results/capacity-probes-1/capacityprobe-" + rate);
  }

  @Test
  void aSearchThatFoundARatePassesAndIsReported() {
    CapacitySearch search = new CapacitySearch(List.of(probe(4, true), probe(8, false, "ttft too slow"),
        probe(6, true), probe(7, false, "ttft too slow")), 6.0, 7.0, 20, "the bracket is within 20 %");
    Summary summary = summarize(search);

    assertTrue(summary.passed(), summary.reasons().toString());
    assertEquals(search, summary.phases().capacity());
    assertEquals(6.0, search.atCapacity().ratePerSec());
    assertEquals(7.0, search.aboveCapacity().ratePerSec());
  }

  @Test
  void aSearchThatFoundNoRateFailsTheRunSayingWhy() {
    CapacitySearch search = new CapacitySearch(List.of(probe(2, false, "a"), probe(1, false, "b")), null, 1.0, 5,
        "no rate held, down to 1 users/s");
    Summary summary = summarize(search);

    assertFalse(summary.passed());
    assertEquals(List.of("capacity: no rate held, down to 1 users/s"), summary.reasons());
  }
}
