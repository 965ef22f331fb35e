package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import llmperf.signoff.analysis.Summary;
import llmperf.suite.simulations.Smoke;
import llmperf.support.GatlingRun;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI-compatible journeys on the shipped sample dataset against the reference server: Smoke passes, the
 * conversation replaying a drawn conversation's user turns.
 */
class DatasetPromptsIT {

  @Test
  void smokePassesOnTheSampleDataset() {
    GatlingRun.Outcome outcome = GatlingRun.run(Smoke.class, Map.of("workload", "openai",
        "prompts.source", "dataset"));
    Summary summary = outcome.signOff();
    assertEquals(GatlingRun.PASSED, outcome.exitCode(), summary.reasons().toString());
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
