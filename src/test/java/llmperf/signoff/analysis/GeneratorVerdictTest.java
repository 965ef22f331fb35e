package llmperf.signoff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import llmperf.budgets.Budget;
import llmperf.budgets.BudgetCheck;
import llmperf.metrics.GeneratorMonitor;
import llmperf.metrics.ScheduleTally;
import org.junit.jupiter.api.Test;

/** The generator verdict says "reliable" only when nothing it watches bent the figures, and names what did. */
class GeneratorVerdictTest {

  private static final List<BudgetCheck> TTFT_BUDGET = List.of(new BudgetCheck(
      new Budget("budgets.chat.ttft.p95", List.of("chat", "ttft"), "p95", 500), List.of("chat-sse", "ttft")));

  private static GeneratorMonitor.Health health(double lagP99, long openFiles) {
    return new GeneratorMonitor.Health(6000, 0.1, lagP99, lagP99 * 2, 0.4, 0.8, 50, 0.5, openFiles, 1024, 2);
  }

  private static Summary.Streaming chatWithTtftError(double p95) {
    Summary.Spread error = new Summary.Spread(p95 / 2, p95, p95 * 2, p95 * 2);
    Summary.Spread any = new Summary.Spread(1, 2, 3, 3);
    Summary.Truth truth = new Summary.Truth(100, 0, 0, error, any, any, any, any, any, any, false, null);
    return new Summary.Streaming("chat-sse", 100, 0, null, null, null, null, 50, 1, 1000, 100, "usage", null, truth,
        null, null, null, 0, null);
  }

  @Test
  void aCalmGeneratorIsReliable() {
    Summary.Generator verdict = GeneratorVerdict.of(health(2, 100), List.of(chatWithTtftError(1)), TTFT_BUDGET);
    assertTrue(verdict.reliable());
    assertEquals("figures reliable", verdict.verdict());
  }

  @Test
  void eventLoopLagOverTenMillisecondsMarksTheFiguresUnreliable() {
    Summary.Generator verdict = GeneratorVerdict.of(health(23.4, 100), List.of(), TTFT_BUDGET);
    assertFalse(verdict.reliable());
    assertEquals("figures unreliable: load generator saturated (event-loop lag p99 23.4 ms, over 10 ms)",
        verdict.verdict());
  }

  @Test
  void aTtftErrorOverFivePercentOfTheBudgetMarksTheFiguresUnreliable() {
    Summary.Generator verdict = GeneratorVerdict.of(health(2, 100), List.of(chatWithTtftError(31)), TTFT_BUDGET);
    assertFalse(verdict.reliable());
    assertTrue(verdict.verdict().contains("TTFT error p95 31.0 ms on chat-sse, over 5 % of its 500 ms budget"),
        verdict.verdict());
  }

  @Test
  void descriptorsNearTheirLimitMarkTheFiguresUnreliable() {
    Summary.Generator verdict = GeneratorVerdict.of(health(2, 1000), List.of(), TTFT_BUDGET);
    assertFalse(verdict.reliable());
    assertTrue(verdict.verdict().contains("1000 of 1024 file descriptors open"), verdict.verdict());
  }

  private static ScheduleTally.Figures scheduleDelayed(double p99Ms) {
    return new ScheduleTally.Figures(400, 400, 0.4, p99Ms, p99Ms * 3, 20, 19.8, 95, List.of(), List.of());
  }

  @Test
  void aRunThatKeptItsScheduleIsReliableAndReportsIt() {
    Summary.Generator verdict = GeneratorVerdict.of(health(2, 100).withSchedule(scheduleDelayed(9.9)), List.of(),
        TTFT_BUDGET);
    assertTrue(verdict.reliable(), verdict.verdict());
    assertEquals(9.9, verdict.scheduleDelayP99Ms());
    assertEquals(99, verdict.achievedRatePercent(), 1e-9);
  }

  @Test
  void scheduleDelayOverTenMillisecondsAtP99MarksTheFiguresUnreliable() {
    Summary.Generator verdict = GeneratorVerdict.of(health(2, 100).withSchedule(scheduleDelayed(10.5)), List.of(),
        TTFT_BUDGET);
    assertFalse(verdict.reliable());
    assertEquals("figures unreliable: load generator saturated (schedule delay p99 10.5 ms, over 10 ms)",
        verdict.verdict());
  }

  @Test
  void aClosedModelRunHasNoScheduleFigures() {
    Summary.Generator verdict = GeneratorVerdict.of(health(2, 100), List.of(), TTFT_BUDGET);
    assertNull(verdict.scheduleDelayP99Ms());
    assertTrue(verdict.fromDue().isEmpty());
  }

  @Test
  void aGeneratorNobodyWatchedIsNotTrusted() {
    GeneratorMonitor.Health unwatched = new GeneratorMonitor.Health(0, 0, 0, 0, 0, 0, 0, 0, 0, 1024, 2);
    Summary.Generator verdict = GeneratorVerdict.of(unwatched, List.of(), TTFT_BUDGET);
    assertFalse(verdict.reliable());
    assertEquals("figures unjudged: its event loops were never watched", verdict.verdict());
  }
}
