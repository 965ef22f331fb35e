package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Map;
import llmperf.config.SuiteConfig;
import llmperf.metrics.TokenAskTally;
import llmperf.server.EmbeddedTarget;
import llmperf.server.TargetSettings;
import llmperf.signoff.analysis.Summary;
import llmperf.suite.simulations.Smoke;
import llmperf.support.GatlingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Synthetic prompts of 1000 input and 100 output tokens against the reference server: its usage reports exactly
 * what was asked (the system prompt counted in the 1000, ignore_eos honoured), and the sign-off shows both and how
 * the prompt tokens were counted; against a server of its own that counts otherwise, calibrated to it.
 */
class SyntheticPromptsIT {

  /** The legacy API's prompt is a transcript: its framing is counted in the 1000 too. */
  @ParameterizedTest
  @ValueSource(strings = {"chat-completions", "completions"})
  void theServersUsageReportsTheAskedTokensAndTheSignOffShowsThem(String api) throws Exception {
    GatlingRun.Outcome outcome = GatlingRun.run(Smoke.class, Map.of("workload", "openai", "target.api", api,
        "prompts.source", "synthetic",
        "prompts.synthetic.input-tokens.mean", "1000", "prompts.synthetic.input-tokens.stddev", "0",
        "prompts.synthetic.output-tokens.mean", "100", "prompts.synthetic.output-tokens.stddev", "0"));
    Summary summary = outcome.signOff();
    assertEquals(GatlingRun.PASSED, outcome.exitCode(), summary.reasons().toString());
    TokenAskTally.Figures tokens = summary.streaming().get(0).askedTokens();
    assertEquals(new TokenAskTally.Figures(1, 1, 1, 1000, 1000, 1000, 1000, 100, 100, 100, 100,
        "the rule, ceil(characters / 4)"), tokens);
    String markdown = Files.readString(outcome.runFolder().resolve("summary.md"));
    assertTrue(markdown.contains("| 1 | the rule, ceil(characters / 4) | 1000 | 1000 | 1000 | 1000 | 100 | 100 | 100"
        + " | 100 |"), markdown);
    assertTrue(Files.readString(outcome.runFolder().resolve("summary.json")).contains("\"promptUsageP50\" : 1000"));
  }

  /**
   * Against a reference server of its own (not the embedded one) that counts 3 characters a token, the preflight
   * calibrates from its usage: the server counts the 1000 tokens asked within 2 %, and the sign-off names the ratio.
   */
  @Test
  void aTargetOfItsOwnIsCalibratedAndCountsTheAskedTokens() throws Exception {
    TargetSettings threeAToken = SuiteConfig.load(Map.of("embedded-target.generation.chars-per-token", "3",
        "embedded-target.generation.prefill-per-prompt-token", "0ms", "embedded-target.generation.token-interval", "2ms"),
        Map.of()).embeddedTarget();
    try (EmbeddedTarget server = EmbeddedTarget.start(threeAToken)) {
      GatlingRun.Outcome outcome = GatlingRun.run(Smoke.class, Map.of("workload", "openai",
          "target.base-url", server.baseUrl(), "target.api-key", threeAToken.apiKey(), "prompts.source", "synthetic",
          "prompts.synthetic.input-tokens.mean", "1000", "prompts.synthetic.input-tokens.stddev", "0",
          "prompts.synthetic.output-tokens.mean", "100", "prompts.synthetic.output-tokens.stddev", "0"));
      Summary summary = outcome.signOff();
      assertEquals(GatlingRun.PASSED, outcome.exitCode(), summary.reasons().toString());
      TokenAskTally.Figures tokens = summary.streaming().get(0).askedTokens();
      assertEquals(1000, tokens.promptAskedP50());
      assertTrue(Math.abs(tokens.promptUsageP50() - 1000) <= 20, "usage " + tokens.promptUsageP50());
      assertEquals("3.00 characters a token, calibrated", tokens.promptCountedBy());
      assertTrue(Files.readString(outcome.runFolder().resolve("summary.md"))
          .contains("| 3.00 characters a token, calibrated | 1000 |"));
    }
  }
}
