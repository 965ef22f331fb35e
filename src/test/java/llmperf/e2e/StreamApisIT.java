package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import llmperf.signoff.analysis.Summary;
import llmperf.suite.simulations.Conversation;
import llmperf.suite.simulations.Smoke;
import llmperf.support.GatlingRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Smoke with {@code workload=openai} on every streaming API, against reasoning models in either field and with
 * tools: it passes, and the sign-off shows what the replies were made of (the reasoning share, the answer's TTFT
 * after the first token's, the tool calls).
 */
class StreamApisIT {

  @ParameterizedTest(name = "{0} {1} tools={2}")
  @CsvSource({
      "chat-completions, llmperf-think, lookup", "chat-completions, llmperf-reason, ''",
      "responses, llmperf-think, lookup", "messages, llmperf-think, ''", "messages, llmperf-mini, lookup",
      "completions, llmperf-mini, ''"})
  void smokePassesOnEveryApiAndTokenKind(String api, String model, String tools) {
    GatlingRun.Outcome outcome = GatlingRun.run(Smoke.class, Map.of("workload", "openai", "target.api", api,
        "target.model", model, "target.tools", tools));
    Summary summary = outcome.signOff();
    assertEquals(GatlingRun.PASSED, outcome.exitCode(), summary.reasons().toString());
    Summary.Streaming story = summary.streaming().get(0);
    assertEquals(0, story.failedReplies());
    boolean reasoning = !model.equals("llmperf-mini");
    if (reasoning) {
      assertNotNull(story.answerTtft(), "a reasoning model's answer TTFT is a row");
      assertTrue(story.answerTtft().p50() > story.ttft().p50(), "the answer starts after the first reasoning token: "
          + story.answerTtft() + " vs " + story.ttft());
      assertTrue(story.reasoningPercent() > 0, "the reasoning share of the output tokens");
    } else {
      assertNull(story.answerTtft());
    }
    assertEquals(!tools.isEmpty(), story.toolCall() != null, "a tool-call row only for replies that called a tool");
  }

  /** A conversation sends each reply back in the API's own shape; the prompt grows turn by turn on each. */
  @ParameterizedTest
  @CsvSource({"responses", "messages", "completions"})
  void conversationsRunOnEveryApi(String api) {
    Map<String, String> settings = new HashMap<>(Map.of("workload", "openai", "target.api", api,
        "scales.ci.conversation.users", "2", "scales.ci.conversation.duration", "3s",
        "journeys.conversation.turns", "3"));
    Summary summary = GatlingRun.run(Conversation.class, settings).signOff();
    assertTrue(summary.passed(), summary.reasons().toString());
    Summary.Conversation conversation = summary.conversations().get(0);
    assertEquals("usage", conversation.promptTokenSource());
    List<Summary.Conversation.Turn> turns = conversation.turns();
    assertTrue(turns.get(2).promptTokens() > turns.get(0).promptTokens(), "the replies go back each turn: " + turns);
  }
}
