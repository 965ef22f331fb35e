package llmperf.signoff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
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
        List.of(), Map.of(), new StreamClient.Resends(0, 0), null);
    return Drift.of(run, Windows.of(run, plan.windowChecks()), plan);
  }

  /** TTFT rows of these ms in windows 0, 1 and 2 (10 s each); the generator's lag ticks per second as given. */
  private static Summary.Phases.Drift drift(List<long[]> windows, List<GeneratorMonitor.LateTicks> lagSeconds) {
    List<RequestRecord> rows = new ArrayList<>();
    for (int w = 0; w < windows.size(); w++) {
      for (long ms : windows.get(w)) {
        long start = START + w * 10_000L + 1000;
        rows.add(new RequestRecord(List.of("chat-sse"), "ttft", start, start + ms, true, null));
      }
    }
    rows.add(new RequestRecord(List.of("chat-sse"), "login", START + windows.size() * 10_000L,
        START + windows.size() * 10_000L + 500, true, null));
    RunTally run = RunLog.ofRequests(START, rows).replayInto(new RunTally(10_000, null, null));
    GeneratorMonitor.Health generator = new GeneratorMonitor.Health(6000, 0.1, 1, 5, 0.4, 0.8, 50, 0.5, 100, 1024, 2,
        null, lagSeconds);
    RunPlan plan = new RunPlan("Soak", "ci", "embedded", CHECKS, CHECKS, Set.of(), 10_000, null, List.of(), true, 0,
        Thresholds.of(List.of()), Map.of(), Map.of(), generator, null, null,
        ResourceSamples.none("embedded", "not sampled"), List.of(), Map.of(), new StreamClient.Resends(0, 0), null);
    return Drift.of(run, Windows.of(run, plan.windowChecks()), plan);
  }

  private static long[] repeated(long ms, int times) {
    long[] values = new long[times];
    Arrays.fill(values, ms);
    return values;
  }

  /** The generator's ticks of one second of the first window, late past its limit 2 times in 100 when busy. */
  private static List<GeneratorMonitor.LateTicks> lagEachSecond(int windows, int busyWindow) {
    List<GeneratorMonitor.LateTicks> seconds = new ArrayList<>();
    for (int s = 0; s < windows * 10; s++) {
      seconds.add(new GeneratorMonitor.LateTicks(START / 1000 + s, 100, s / 10 == busyWindow ? 2 : 0));
    }
    return seconds;
  }

  /**
   * The last window's median is 20 % up on a spread of 60 to 170 ms in 12 samples: its interval (-30 % to +60 %)
   * straddles the limit, so it is within noise, not a drift.
   */
  @Test
  void aMedianUpOnAWideSpreadIsWithinNoise() {
    long[] spread = {60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170};
    Summary.Phases.Drift drift = drift(List.of(repeated(100, 12), spread), List.of());
    Summary.Phases.Drift.RowDrift row = drift.rows().get(0);
    assertEquals(20.0, row.changePercent(), 1e-9);
    assertEquals(ChangeInterval.WITHIN_NOISE, row.interval().verdict(), row.interval().text());
    assertEquals("-30 % to +60 %", row.interval().text());
    assertTrue(drift.passed(), drift.verdict());
    assertEquals("holds on 1 of 1 rows (1 within noise: their interval reaches past the limit)", drift.verdict());
  }

  @Test
  void aMedianDownThroughoutImproved() {
    Summary.Phases.Drift drift = drift(List.of(repeated(100, 12), repeated(70, 12)), List.of());
    assertEquals(ChangeInterval.IMPROVED, drift.rows().get(0).interval().verdict());
    assertTrue(drift.passed(), drift.verdict());
  }

  /**
   * The load generator late in the last of three windows (its lag p99 past 10 ms): that window is left out and said
   * so, the middle one is compared with the first, and the slow figures of the busy spell do not read as a drift.
   */
  @Test
  void aWindowInWhichTheGeneratorWasLateIsLeftOut() {
    List<long[]> windows = List.of(repeated(100, 12), repeated(102, 12), repeated(180, 12));
    Summary.Phases.Drift busyLast = drift(windows, lagEachSecond(3, 2));
    assertTrue(busyLast.passed(), busyLast.verdict());
    assertEquals(10_000, busyLast.last().startOffsetMs(), "the last healthy window");
    assertEquals("left out 1 of 3 full windows (from 20 s) in which the load generator's event-loop lag p99 passed"
        + " 10 ms", busyLast.leftOut());
    Summary.Phases.Drift calm = drift(windows, lagEachSecond(3, -1));
    assertFalse(calm.passed(), "with a healthy generator the last window's rise is a drift: " + calm.verdict());
    assertNull(calm.leftOut());
  }

  @Test
  void withFewerThanTwoHealthyWindowsDriftIsNotJudgedAndFails() {
    Summary.Phases.Drift drift = drift(List.of(repeated(100, 12), repeated(100, 12)), lagEachSecond(2, 1));
    assertFalse(drift.passed());
    assertEquals("not judged: the run has fewer than two full windows of 10 s in which the load generator was"
        + " healthy", drift.verdict());
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
    assertEquals("drifted: chat-sse / ttft median 100 -> 130 ms (+30 %, interval +30 % to +30 %, limit +15 %)",
        drift.verdict());
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
