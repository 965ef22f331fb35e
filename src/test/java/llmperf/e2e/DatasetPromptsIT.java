package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import llmperf.metrics.TokenAskTally;
import llmperf.signoff.analysis.Summary;
import llmperf.suite.simulations.Smoke;
import llmperf.support.GatlingRun;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI-compatible journeys on the shipped sample dataset against the reference server: Smoke passes, the
 * story's request held against the server's usage, the conversation replaying a drawn conversation's user turns.
 */
class DatasetPromptsIT {

  /**
   * The story's dataset request is in the asked-vs-usage table, its prompt counted by the tokenizer named (a
   * word-level one, where the reference server counts characters / 4: the two differ, and the table shows it).
   */
  @Test
  void smokePassesOnTheSampleDatasetAndItsRequestIsCountedByTheTokenizer() {
    GatlingRun.Outcome outcome = GatlingRun.run(Smoke.class, Map.of("workload", "openai",
        "prompts.source", "dataset", "prompts.tokenizer", "src/test/resources/tokenizers/words.json"));
    Summary summary = outcome.signOff();
    assertEquals(GatlingRun.PASSED, outcome.exitCode(), summary.reasons().toString());
    TokenAskTally.Figures tokens = summary.streaming().get(0).askedTokens();
    assertEquals("tokenizer words.json", tokens.promptCountedBy());
    assertEquals(1, tokens.replies());
    assertTrue(tokens.promptAskedP50() > 0 && tokens.promptUsageP50() > 0, tokens.toString());
  }

  /** The sample's conversations have 1 to 4 user turns; the one drawn is replayed whole. */
  @Test
  void theConversationReplaysADatasetConversationsTurns() {
    GatlingRun.Outcome outcome = GatlingRun.run(Smoke.class, Map.of("prompts.source", "dataset",
        "mix.chat.chat-sse", "70", "mix.chat.conversation", "30"));
    Summary summary = outcome.signOff();
    assertEquals(GatlingRun.PASSED, outcome.exitCode(), summary.reasons().toString());
    int turns = summary.conversations().get(0).turns().size();
    assertTrue(turns >= 1 && turns <= 4, summary.conversations().toString());
  }
}
