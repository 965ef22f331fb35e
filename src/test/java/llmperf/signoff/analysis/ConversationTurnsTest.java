package llmperf.signoff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import llmperf.metrics.ConversationTally;
import org.junit.jupiter.api.Test;

/** Turns by number, and TTFT's growth per 1,000 prompt tokens: the least-squares slope of the turns' medians. */
class ConversationTurnsTest {

  private static final long MS = 1_000_000;

  @Test
  void theSlopeIsThePrefillCostOfTheHistory() {
    ConversationTally tally = new ConversationTally();
    // 80 ms + 0.2 ms a token, as the reference server's prefill model; three replies a turn.
    for (int turn = 1; turn <= 5; turn++) {
      int tokens = 100 + 300 * (turn - 1);
      for (int reply = 0; reply < 3; reply++) {
        tally.add(turn, Math.round((80 + 0.2 * tokens + reply) * MS), tokens, 0);
      }
    }
    Summary.Conversation conversation = ConversationTurns.of(Map.of("conversation", tally)).get(0);
    assertEquals(200, conversation.msPerThousandPromptTokens(), 1);
    assertEquals("usage", conversation.promptTokenSource());
    Summary.Conversation.Turn fifth = conversation.turns().get(4);
    assertEquals(5, fifth.turn());
    assertEquals(3, fifth.replies());
    assertEquals(1300, fifth.promptTokens(), 2, "to 0.2 %");
    assertEquals(341, fifth.ttftP50(), 0.5);
  }

  @Test
  void withoutUsageThePromptIsEstimatedFromItsCharactersAndOneTurnHasNoSlope() {
    ConversationTally tally = new ConversationTally();
    tally.add(1, 90 * MS, -1, 401);
    Summary.Conversation conversation = ConversationTurns.of(Map.of("conversation", tally)).get(0);
    assertEquals(101, conversation.turns().get(0).promptTokens(), "401 characters, 4 a token, rounded up");
    assertEquals("estimated", conversation.promptTokenSource());
    assertNull(conversation.msPerThousandPromptTokens());
    tally.add(2, 95 * MS, 180, 0);
    assertEquals("usage on 1 of 2 replies", ConversationTurns.of(Map.of("conversation", tally)).get(0)
        .promptTokenSource());
    assertEquals(List.of(1, 2), ConversationTurns.of(Map.of("conversation", tally)).get(0).turns().stream()
        .map(Summary.Conversation.Turn::turn).toList());
  }
}
