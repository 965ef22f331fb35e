package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import llmperf.config.SuiteConfig;
import llmperf.signoff.analysis.Summary;
import llmperf.suite.simulations.Conversation;
import llmperf.support.GatlingRun;
import org.junit.jupiter.api.Test;

/**
 * Conversations against the reference server, whose prefill is proportional to the prompt: each turn sends the
 * history again, so each turn's prompt is longer than the last, and its TTFT grows by what the prefill model says.
 * The server's prefix cache is off: it would spare the history its prefill, which is what a cache is for.
 */
class ConversationIT {

  @Test
  void eachTurnSendsTheHistoryAndItsTtftGrowsByThePrefillModel() {
    Summary summary = GatlingRun.run(Conversation.class, Map.of("embedded-target.prefix-cache.blocks", "0"))
        .signOff();
    assertTrue(summary.passed(), summary.reasons().toString());
    Summary.Conversation conversation = summary.conversations().get(0);
    assertEquals("conversation", conversation.journey());
    assertEquals("usage", conversation.promptTokenSource());
    List<Summary.Conversation.Turn> turns = conversation.turns();
    assertEquals(SuiteConfig.defaults().conversationTurns(), turns.size(), turns.toString());
    for (int i = 1; i < turns.size(); i++) {
      assertTrue(turns.get(i).promptTokens() > turns.get(i - 1).promptTokens() + 20,
          "every turn sends the earlier prompts and replies again: " + turns);
    }
    double msPerToken = SuiteConfig.defaults().embeddedTarget().prefillPerPromptToken().toNanos() / 1e6;
    Summary.Conversation.Turn first = turns.get(0);
    Summary.Conversation.Turn fifth = turns.get(4);
    double predicted = msPerToken * (fifth.promptTokens() - first.promptTokens());
    double measured = fifth.ttftP50() - first.ttftP50();
    assertEquals(predicted, measured, Math.max(10, 0.15 * predicted),
        "turn 5 over turn 1: " + measured + " ms, the prefill model " + predicted + " ms; " + turns);
    assertEquals(1000 * msPerToken, conversation.msPerThousandPromptTokens(), 0.15 * 1000 * msPerToken,
        "ms per 1,000 prompt tokens");
  }
}
