package llmperf.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import llmperf.config.PromptSettings;
import llmperf.config.SuiteConfig;
import llmperf.server.EmbeddedTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Synthetic prompts: sized so that the reference server counts what was asked, seeded, sharing their prefixes. */
class SyntheticPromptsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PromptTokens RULE = CharsPerToken.rule(CharsPerToken.RULE);
  private static final String SYSTEM = "You are a children's story writer.";
  private static SuiteConfig config;
  private static EmbeddedTarget target;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    config = SuiteConfig.load(Map.of("embedded-target.generation.prefill-base", "1ms",
        "embedded-target.generation.prefill-per-prompt-token", "0ms",
        "embedded-target.generation.token-interval", "1ms"), Map.of());
    target = EmbeddedTarget.start(config.embeddedTarget());
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  private static PromptSettings.Synthetic synthetic(double inputStddev, int prefix, int groups) {
    return new PromptSettings.Synthetic(new PromptSettings.Lengths(300, inputStddev, 40, 2000),
        new PromptSettings.Lengths(20, 8, 5, 40), prefix, groups, true);
  }

  private static JsonNode post(String path, Map<String, Object> body) throws Exception {
    Map<String, Object> request = new HashMap<>(body);
    request.put("model", config.target().model());
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
        .header("Authorization", "Bearer " + config.embeddedTarget().apiKey())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body()).get("usage");
  }

  @Test
  void theReferenceServerCountsTheAskedInputTokensAndWithIgnoreEosGeneratesTheAskedOutput() throws Exception {
    SyntheticPrompts chat = new SyntheticPrompts(synthetic(120, 0, 1), RULE, 1, "story stream", SYSTEM.length());
    SyntheticPrompts legacy = new SyntheticPrompts(synthetic(120, 0, 1), RULE, 1, "story completion", 0);
    for (int i = 0; i < 4; i++) {
      Map<String, Object> row = chat.next();
      JsonNode usage = post("/v1/chat/completions", Map.of("messages", List.of(
          Map.of("role", "system", "content", SYSTEM), Map.of("role", "user", "content", row.get("prompt"))),
          "max_tokens", row.get("max_tokens"), "ignore_eos", row.get("ignore_eos")));
      assertEquals(row.get("prompt_tokens"), usage.get("prompt_tokens").asInt(), "prompt tokens of " + row);
      assertEquals(row.get("max_tokens"), usage.get("completion_tokens").asInt(), "output tokens of " + row);

      row = legacy.next();
      usage = post("/v1/completions", Map.of("prompt", row.get("prompt"), "max_tokens", row.get("max_tokens"),
          "ignore_eos", true));
      assertEquals(row.get("prompt_tokens"), usage.get("prompt_tokens").asInt());
      assertEquals(row.get("max_tokens"), usage.get("completion_tokens").asInt());
    }
  }

  /** Without ignore_eos the reference server draws the length as before: most replies stop short of max_tokens. */
  @Test
  void withoutIgnoreEosTheServerStillDrawsTheLength() throws Exception {
    int shorter = 0;
    for (int i = 0; i < 8; i++) {
      JsonNode usage = post("/v1/chat/completions", Map.of("messages",
          List.of(Map.of("role", "user", "content", "Tell me a story.")), "max_tokens", 40));
      shorter += usage.get("completion_tokens").asInt() < 40 ? 1 : 0;
    }
    assertTrue(shorter > 0, "every reply was max_tokens long");
  }

  @Test
  void theSameSeedDrawsTheSamePromptsAndAnotherSeedOthers() {
    List<Map<String, Object>> first = draw(new SyntheticPrompts(synthetic(120, 0, 1), RULE, 7, "story stream", 35), 20);
    assertEquals(first, draw(new SyntheticPrompts(synthetic(120, 0, 1), RULE, 7, "story stream", 35), 20));
    assertNotEquals(first, draw(new SyntheticPrompts(synthetic(120, 0, 1), RULE, 8, "story stream", 35), 20));
    assertTrue(first.stream().map(row -> row.get("prompt_tokens")).distinct().count() > 5,
        "the lengths vary with a stddev");
  }

  @Test
  void promptsOfOneGroupShareTheirPrefixAndNoMore() {
    int prefixChars = 100 * CharsPerToken.RULE;
    Map<String, List<String>> byPrefix = new HashMap<>();
    for (Map<String, Object> row : draw(new SyntheticPrompts(synthetic(0, 100, 3), RULE, 1, "story stream", 35), 60)) {
      String prompt = (String) row.get("prompt");
      byPrefix.computeIfAbsent(prompt.substring(0, prefixChars), p -> new ArrayList<>()).add(prompt);
    }
    assertEquals(3, byPrefix.size(), "one prefix per group");
    for (List<String> prompts : byPrefix.values()) {
      assertTrue(prompts.size() > 1);
      assertNotEquals(prompts.get(0).substring(prefixChars), prompts.get(1).substring(prefixChars));
    }
  }

  private static List<Map<String, Object>> draw(SyntheticPrompts prompts, int count) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(prompts.next());
    }
    return rows;
  }
}
