package llmperf.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import llmperf.config.CompletionApi;
import llmperf.config.PromptSettings;
import llmperf.config.SuiteConfig;
import llmperf.data.CharsPerToken;
import llmperf.data.PromptTokens;
import llmperf.data.SyntheticPrompts;
import llmperf.server.EmbeddedTarget;
import llmperf.server.TargetSettings;
import llmperf.support.BareOpenAiServer;
import llmperf.support.GuardedTarget;
import org.junit.jupiter.api.Test;

/**
 * The preflight's calibration of prompt tokens against a target of its own: its arithmetic, a reference server that
 * counts 3 characters a token measured so and its prompts then counted as asked, the fall-back without usage, and
 * the one-line refusals.
 */
class PromptCalibrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SYSTEM = "You are a children's story writer.";
  private static final String SKIP = " (-Dtarget.preflight=false skips this probe)";

  private static SuiteConfig against(String baseUrl, String key, String... settings) {
    Map<String, String> properties = new HashMap<>(Map.of("target.base-url", baseUrl, "target.api-key", key,
        "prompts.source", "synthetic", "prompts.synthetic.input-tokens.mean", "1000",
        "prompts.synthetic.input-tokens.max", "4000", "target.timeouts.connect", "2s"));
    for (int i = 0; i < settings.length; i += 2) {
      properties.put(settings[i], settings[i + 1]);
    }
    return SuiteConfig.load(properties, Map.of());
  }

  private static final TargetSettings THREE_A_TOKEN = SuiteConfig.load(Map.of(
      "embedded-target.generation.chars-per-token", "3", "embedded-target.generation.prefill-base", "1ms",
      "embedded-target.generation.prefill-per-prompt-token", "0ms", "embedded-target.generation.token-interval", "1ms"),
      Map.of()).embeddedTarget();

  private static EmbeddedTarget countingThreeCharactersAToken() {
    return EmbeddedTarget.start(THREE_A_TOKEN);
  }

  @Test
  void theRatioIsTheProbesCharactersOverItsUsage() {
    assertEquals(1002 / 270.0, PromptCalibration.charsPerToken(1002, 270, "usage.prompt_tokens"), 1e-9);
    assertEquals("3.71 characters per token from usage.prompt_tokens = 270 for 1002 characters",
        PromptCalibration.measured(1002 / 270.0, 270, 1002, "usage.prompt_tokens"));
    assertEquals(256 * 4, PromptCalibration.probeChars(new PromptSettings.Lengths(40, 0, 32, 100)));
    assertEquals(1000 * 4, PromptCalibration.probeChars(new PromptSettings.Lengths(1000, 300, 32, 8000)));
    assertEquals(4096 * 4, PromptCalibration.probeChars(new PromptSettings.Lengths(30_000, 0, 32, 131_072)));
  }

  @Test
  void aCountNoTokenizerGivesStopsTheRunWithOneLine() {
    PreflightError error = assertThrows(PreflightError.class,
        () -> PromptCalibration.charsPerToken(4096, 1, "usage.input_tokens"));
    assertEquals(0, error.getStackTrace().length, "one line, no stack trace");
    assertEquals("Prompt calibration failed, no load started: 4096.00 characters per token from usage.input_tokens = 1"
        + " for 4096 characters: no tokenizer counts plain words so (expected 1 to 16 characters a token);"
        + " prompts.tokenizer can name the model's tokenizer.json" + SKIP, error.line());
  }

  @Test
  void eachApisUsageIsReadWhereItReportsThePrompt() {
    assertEquals(270, PromptCalibration.usagePromptTokens(CompletionApi.CHAT_COMPLETIONS,
        "{\"usage\":{\"prompt_tokens\":270,\"completion_tokens\":1}}"));
    assertEquals(270, PromptCalibration.usagePromptTokens(CompletionApi.RESPONSES,
        "{\"usage\":{\"input_tokens\":270,\"output_tokens\":16}}"));
    assertEquals(270, PromptCalibration.usagePromptTokens(CompletionApi.MESSAGES,
        "{\"usage\":{\"input_tokens\":14,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":256}}"));
    assertEquals(-1, PromptCalibration.usagePromptTokens(CompletionApi.COMPLETIONS, "{\"choices\":[]}"));
    assertEquals(-1, PromptCalibration.usagePromptTokens(CompletionApi.CHAT_COMPLETIONS, "not json"));
  }

  /**
   * Each API's probe against a reference server counting 3 characters a token measures 3 (1024 characters are 342
   * tokens: 2.99); the synthetic prompts then sized by it are counted by the server as asked, within 2 %.
   */
  @Test
  void aServerCountingThreeCharactersATokenIsMeasuredSoAndItsPromptsCountAsAsked() throws Exception {
    try (EmbeddedTarget server = countingThreeCharactersAToken()) {
      for (CompletionApi api : CompletionApi.values()) {
        List<String> console = new ArrayList<>();
        PromptTokens tokens = PromptCalibration.promptTokens(against(server.baseUrl(), THREE_A_TOKEN.apiKey(),
            "target.api", api.setting(), "prompts.synthetic.input-tokens.mean", "256"), console::add);
        assertEquals(List.of("Prompt tokens calibrated: 2.99 characters per token from "
            + PromptCalibration.usageField(api) + " = 342 for 1024 characters"), console, api.setting());
        assertEquals("2.99 characters a token, calibrated", tokens.countedBy());
      }
      PromptTokens tokens = PromptCalibration.promptTokens(against(server.baseUrl(), THREE_A_TOKEN.apiKey()), line -> { });
      assertEquals(3.0, assertInstanceOf(CharsPerToken.class, tokens).chars(), 0.01);
      SyntheticPrompts prompts = new SyntheticPrompts(new PromptSettings.Synthetic(
          new PromptSettings.Lengths(1000, 400, 100, 3000), new PromptSettings.Lengths(1, 0, 1, 1), 0, 1, true),
          tokens, 1, "story stream", SYSTEM.length());
      for (int i = 0; i < 6; i++) {
        Map<String, Object> row = prompts.next();
        int usage = promptUsage(server, (String) row.get("prompt"));
        int asked = (int) row.get("prompt_tokens");
        assertTrue(Math.abs(usage - asked) <= asked * 0.02, "asked " + asked + ", usage " + usage);
      }
    }
  }

  private static int promptUsage(EmbeddedTarget server, String prompt) throws Exception {
    String body = JSON.writeValueAsString(Map.of("model", SuiteConfig.defaults().target().model(), "max_tokens", 1,
        "messages", List.of(Map.of("role", "system", "content", SYSTEM), Map.of("role", "user", "content", prompt))));
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(server.baseUrl() + "/v1/chat/completions")).header("Authorization", "Bearer " + THREE_A_TOKEN.apiKey())
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode usage = JSON.readTree(response.body()).path("usage");
    return usage.path("prompt_tokens").asInt();
  }

  @Test
  void aTargetWithoutUsageFallsBackToTheRuleSayingSo() throws Exception {
    try (BareOpenAiServer bare = BareOpenAiServer.start()) {
      List<String> console = new ArrayList<>();
      PromptTokens tokens = PromptCalibration.promptTokens(against(bare.baseUrl(), BareOpenAiServer.API_KEY,
          "target.model", BareOpenAiServer.MODEL), console::add);
      assertEquals(List.of("Prompt tokens not calibrated: the target's reply has no usage.prompt_tokens, so the rule,"
          + " ceil(characters / 4) counts them"), console);
      assertEquals(CharsPerToken.rule(4), tokens);
    }
  }

  /** Without the preflight, or with csv prompts that carry no size, nothing is probed. */
  @Test
  void noProbeWithoutThePreflightOrForCsvPrompts() {
    List<String> console = new ArrayList<>();
    String closed = "http://127.0.0.1:9";
    assertEquals(CharsPerToken.rule(4), PromptCalibration.promptTokens(against(closed, "k", "target.preflight",
        "false"), console::add));
    assertEquals(CharsPerToken.rule(4), PromptCalibration.promptTokens(against(closed, "k", "prompts.source", "csv"),
        console::add));
    assertEquals(List.of("Prompt tokens not calibrated (target.preflight = false): the rule, ceil(characters / 4)"),
        console);
  }

  @Test
  void aProbeTheTargetRefusesStopsTheRunWithOneLine() throws Exception {
    try (EmbeddedTarget server = countingThreeCharactersAToken();
        GuardedTarget guarded = GuardedTarget.start("sk-guarded-1234", List.of("m"))) {
      PreflightError refused = assertThrows(PreflightError.class, () -> PromptCalibration.promptTokens(
          against(server.baseUrl(), "sk-wrong-key"), line -> { }));
      assertEquals("Prompt calibration failed, no load started: POST " + server.baseUrl() + "/v1/chat/completions:"
          + " HTTP 401, the target refused the API key (target.api-key or LLM_API_KEY)" + SKIP, refused.line());
      PreflightError missing = assertThrows(PreflightError.class, () -> PromptCalibration.promptTokens(
          against(guarded.baseUrl(), "sk-guarded-1234", "target.api", "responses"), line -> { }));
      assertEquals("Prompt calibration failed, no load started: POST " + guarded.baseUrl() + "/v1/responses: HTTP 404"
          + " to a non-streamed responses request of 4000 characters (target.api names the API; prompts.tokenizer, a"
          + " tokenizer.json, needs no probe)" + SKIP, missing.line());
    }
  }
}
