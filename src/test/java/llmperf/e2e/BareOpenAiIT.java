package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import llmperf.signoff.analysis.Summary;
import llmperf.suite.simulations.Conversation;
import llmperf.suite.simulations.Smoke;
import llmperf.support.BareOpenAiServer;
import llmperf.support.GatlingRun;
import org.junit.jupiter.api.Test;

/**
 * A bare OpenAI-compatible server (only /v1, no usage anywhere) with the one switch, {@code workload=openai}: Smoke
 * passes, only the /v1 journey runs, and its tokens are counted from the content events, which the sign-off says;
 * conversations run against it too, their prompt tokens estimated from the characters they send.
 */
class BareOpenAiIT {

  @Test
  void smokePassesAgainstABareServerWithTheOpenAiWorkload() throws Exception {
    try (BareOpenAiServer server = BareOpenAiServer.start()) {
      GatlingRun.Outcome outcome = GatlingRun.run(Smoke.class, Map.of("workload", "openai",
          "target.base-url", server.baseUrl(), "target.api-key", BareOpenAiServer.API_KEY,
          "target.model", BareOpenAiServer.MODEL));
      Summary summary = outcome.signOff();
      assertEquals(GatlingRun.PASSED, outcome.exitCode(), summary.reasons().toString());
      assertEquals(List.of("story"), summary.rows().stream().map(row -> row.path().get(0)).distinct().toList(),
          "only the journey a bare server can serve ran");
      Summary.Streaming story = summary.streaming().get(0);
      assertEquals(0, story.failedReplies());
      assertEquals("content events", story.tokenSource());
      assertTrue(story.itl().p50() >= BareOpenAiServer.TOKEN_INTERVAL_MS && story.itl().p50() < 20,
          "the server paces its tokens 5 ms apart: " + story.itl());
      assertEquals("target.metrics.url is not set (a Prometheus endpoint of the target, e.g. vLLM's /metrics)",
          summary.resources().unavailable(), "a target without metrics gets a line, not an empty chart");
    }
  }

  @Test
  void conversationsRunAgainstABareServerWithTheirPromptTokensEstimated() throws Exception {
    try (BareOpenAiServer server = BareOpenAiServer.start()) {
      Summary summary = GatlingRun.run(Conversation.class, Map.of("workload", "openai",
          "target.base-url", server.baseUrl(), "target.api-key", BareOpenAiServer.API_KEY,
          "target.model", BareOpenAiServer.MODEL, "scales.ci.conversation.users", "2",
          "scales.ci.conversation.duration", "3s", "journeys.conversation.turns", "3")).signOff();
      assertTrue(summary.passed(), summary.reasons().toString());
      Summary.Conversation conversation = summary.conversations().get(0);
      assertEquals("estimated", conversation.promptTokenSource(), "no usage: characters / 4");
      List<Summary.Conversation.Turn> turns = conversation.turns();
      assertEquals(3, turns.size());
      assertTrue(turns.get(2).promptTokens() > turns.get(1).promptTokens()
          && turns.get(1).promptTokens() > turns.get(0).promptTokens(), "the replies go back each turn: " + turns);
    }
  }
}
