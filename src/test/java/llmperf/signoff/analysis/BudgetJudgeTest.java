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
    return new BudgetJudge(RunLog.ofRequests(START, rows).replayInto(new RunTally(5_000, null, null))).judge(check);
  }

  /**
   * An absolute budget is held to its limit alone, whatever the load generator went through (the stall a regression
   * check allows on inter-chunk is BaselineComparisonTest's).
   */
  @Test
  void anAbsoluteBudgetIsJudgedOnItsLimitAlone() {
    List<RequestRecord> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      rows.add(row("inter-chunk", 40, true));
    }
    Summary.BudgetResult interChunk = judge(new BudgetCheck(new Budget("budgets.chat.inter-chunk.p95",
        List.of("chat", "inter-chunk"), "p95", 22), List.of("chat-sse", "inter-chunk")), rows);
    assertEquals(22.0, interChunk.limit());
    assertFalse(interChunk.passed());
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
