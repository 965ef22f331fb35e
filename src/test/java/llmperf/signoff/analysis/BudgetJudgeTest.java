package llmperf.signoff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import llmperf.budgets.Budget;
import llmperf.budgets.BudgetCheck;
import llmperf.signoff.log.RequestRecord;
import llmperf.signoff.log.RunLog;
import org.junit.jupiter.api.Test;

/** Budgets judged on what users got: latency of the OK requests, errors once per request a user saw. */
class BudgetJudgeTest {

  private static final long START = 1_700_000_000_000L;
  private static final BudgetCheck TTFT_P95 =
      new BudgetCheck(new Budget("budgets.chat.ttft.p95", List.of("chat", "ttft"), "p95", 500), List.of("chat-sse", "ttft"));
  private static final BudgetCheck ERRORS =
      new BudgetCheck(new Budget("budgets.all.error-rate-percent", List.of("all"), "error-rate-percent", 1), List.of());

  private static RequestRecord row(String name, long durationMs, boolean ok) {
    return new RequestRecord(List.of("chat-sse"), name, START, START + durationMs, ok, ok ? null : "http 429: busy");
  }

  private static Summary.BudgetResult judge(BudgetCheck check, List<RequestRecord> rows) {
    return judge(check, rows, 0);
  }

  private static Summary.BudgetResult judge(BudgetCheck check, List<RequestRecord> rows, double generatorLagMaxMs) {
    return new BudgetJudge(RunLog.ofRequests(START, rows).replayInto(new RunTally(5_000, null, null)),
        generatorLagMaxMs).judge(check);
  }

  /**
   * A stall of the load generator lengthens the longest gap of every reply in flight: a regression check on
   * inter-chunk allows the run's longest stall on top, and fails past it; no other row is excused by it.
   */
  @Test
  void theInterChunkRegressionAllowsTheGeneratorsLongestStallAndNoMore() {
    List<RequestRecord> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      rows.add(row("inter-chunk", 40, true));
      rows.add(row("ttft", 140, true));
    }
    BudgetCheck interChunk = new BudgetCheck(new Budget("budgets.regression.ml-percent", List.of("regression"), "p95",
        22), List.of("chat-sse", "inter-chunk"));
    BudgetCheck ttft = new BudgetCheck(new Budget("budgets.regression.ml-percent", List.of("regression"), "p95",
        120), List.of("chat-sse", "ttft"));
    Summary.BudgetResult stalled = judge(interChunk, rows, 34.1);
    assertEquals(57.0, stalled.limit(), "22 ms allowed, plus the 35 ms stall");
    assertTrue(stalled.passed());
    assertFalse(judge(interChunk, rows, 10).passed(), "a 10 ms stall does not explain a rise to 40 ms");
    assertFalse(judge(ttft, rows, 34.1).passed(), "TTFT is not excused by a stall");
    assertFalse(judge(new BudgetCheck(new Budget("budgets.chat.inter-chunk.p95", List.of("chat", "inter-chunk"), "p95",
        22), List.of("chat-sse", "inter-chunk")), rows, 34.1).passed(), "an absolute budget is not excused either");
  }

  /** 300 replies refused in 5 ms beside 10 that came after 800 ms: the TTFT users got is 800 ms, not 5. */
  @Test
  void fastFailuresDoNotFlatterALatencyBudget() {
    List<RequestRecord> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(row("ttft", 5, false));
    }
    for (int i = 0; i < 10; i++) {
      rows.add(row("ttft", 800, true));
    }
    Summary.BudgetResult ttft = judge(TTFT_P95, rows);
    assertEquals(800.0, ttft.actual());
    assertFalse(ttft.passed());
  }

  @Test
  void aRowWithoutAnOkRequestFailsAndSaysSo() {
    Summary.BudgetResult ttft = judge(TTFT_P95, List.of(row("ttft", 5, false), row("ttft", 6, false)));
    assertNull(ttft.actual());
    assertFalse(ttft.passed());
    assertEquals("budgets.chat.ttft.p95 on chat-sse / ttft: no OK request among 2 (limit 500 ms)", ttft.describe());
  }

  /** One failed reply writes six KO rows; beside 99 OK REST calls it is one failed request in 100, not 6 in 105. */
  @Test
  void aFailedReplyCountsOnceInTheErrorRate() {
    List<RequestRecord> rows = new ArrayList<>();
    for (String name : List.of("reply headers", "ttft", "inter-chunk", "itl", "end-to-end", "reply body")) {
      rows.add(row(name, 5, false));
    }
    for (int i = 0; i < 99; i++) {
      rows.add(row("login", 10, true));
    }
    assertEquals(1.0, judge(ERRORS, rows).actual(), 1e-9);
  }
}
