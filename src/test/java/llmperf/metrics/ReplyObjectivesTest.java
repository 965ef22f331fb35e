package llmperf.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Goodput holds each reply to its own TTFT, ITL and end-to-end: missing any one of them is enough to miss. */
class ReplyObjectivesTest {

  private static final long MS = 1_000_000;
  private static final ReplyObjectives OBJECTIVES = new ReplyObjectives(500, 50, 3000);

  /** Sent at 0, first content at {@code ttft}, 11 tokens 10 ms apart unless {@code itl} says otherwise. */
  private static ReplyMetrics reply(long ttftMs, long itlMs, String failure) {
    long first = ttftMs * MS;
    long last = first + 10 * itlMs * MS;
    return new ReplyMetrics(0, first, last, last + MS, 11, 11, itlMs * MS, itlMs * MS, new long[] {itlMs * MS},
        failure, ReplyMetrics.Kinds.answerOnly(first), null);
  }

  @Test
  void aReplyWithinAllThreeIsGood() {
    assertTrue(OBJECTIVES.metBy(reply(100, 10, null)));
  }

  @Test
  void missingAnyOneObjectiveIsEnough() {
    assertFalse(OBJECTIVES.metBy(reply(600, 10, null)), "TTFT");
    assertFalse(OBJECTIVES.metBy(reply(100, 60, null)), "ITL");
    assertFalse(OBJECTIVES.metBy(reply(100, 290, null)), "end-to-end: 100 + 2900 ms");
    assertFalse(OBJECTIVES.metBy(reply(100, 10, "dropped: after 3 events")), "a failed reply");
  }

  @Test
  void withoutBudgetsEveryOkReplyIsGood() {
    assertTrue(ReplyObjectives.NONE.metBy(reply(60_000, 1000, null)));
  }
}
