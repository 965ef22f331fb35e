package llmperf.preflight;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import llmperf.config.SuiteConfig;
import llmperf.config.TargetConfig;
import llmperf.support.BareOpenAiServer;
import llmperf.support.GuardedTarget;
import org.junit.jupiter.api.Test;

/**
 * workload = openai: the preflight's GET of /v1/models must list target.model, and a base URL written the OpenAI
 * SDKs' way (ending in /v1) reaches the same routes as the host root.
 */
class ModelPreflightTest {

  private static final String KEY = "sk-models-secret-1234";

  private static SuiteConfig openAi(String baseUrl, String model) {
    return SuiteConfig.load(Map.of("workload", "openai", "target.base-url", baseUrl, "target.model", model,
        "target.api-key", KEY, "target.timeouts.connect", "2s"), Map.of());
  }

  private static String refusal(SuiteConfig config) {
    PreflightError error = assertThrows(PreflightError.class,
        () -> Preflight.requireReachable(config.target(), config.preflightPath()));
    assertEquals(0, error.getStackTrace().length, "one line, no stack trace");
    return error.line();
  }

  @Test
  void aModelTheServerDoesNotListIsRefusedWithTheNamesItServes() throws IOException {
    try (GuardedTarget server = GuardedTarget.start(KEY, List.of("qwen3-8b", "llama-3.1-8b"))) {
      assertEquals("Model not served, no load started: target.model 'gpt-4o' is not served by " + server.baseUrl()
          + ": it serves qwen3-8b, llama-3.1-8b (-Dtarget.preflight=false skips this probe)",
          refusal(openAi(server.baseUrl(), "gpt-4o")));
      SuiteConfig served = openAi(server.baseUrl(), "llama-3.1-8b");
      assertDoesNotThrow(() -> Preflight.requireReachable(served.target(), served.preflightPath()));
    }
  }

  @Test
  void theFullWorkloadProbesItsHealthRouteAndNamesNoModel() throws IOException {
    try (GuardedTarget server = GuardedTarget.start(KEY, List.of("other"))) {
      TargetConfig target = SuiteConfig.load(Map.of("target.base-url", server.baseUrl(), "target.api-key", KEY),
          Map.of()).target();
      assertDoesNotThrow(() -> Preflight.requireReachable(target, "health"));
    }
  }

  @Test
  void aBaseUrlEndingInV1IsTheHostRoot() throws IOException {
    try (BareOpenAiServer bare = BareOpenAiServer.start()) {
      for (String written : List.of(bare.baseUrl() + "/v1", bare.baseUrl() + "/v1/", bare.baseUrl() + "/")) {
        SuiteConfig config = SuiteConfig.load(Map.of("workload", "openai", "target.base-url", written,
            "target.model", BareOpenAiServer.MODEL, "target.api-key", BareOpenAiServer.API_KEY), Map.of());
        assertEquals(bare.baseUrl(), config.target().baseUrl(), written);
        assertDoesNotThrow(() -> Preflight.requireReachable(config.target(), config.preflightPath()), written);
      }
    }
  }

  @Test
  void aPrefixOtherThanV1IsKeptAndV1IsKeptWhenThePathsDoNotStartWithIt() {
    assertEquals("http://gateway.example/llm", root("http://gateway.example/llm/", Map.of()));
    assertEquals("http://gateway.example/llm", root("http://gateway.example/llm/v1", Map.of()));
    assertEquals("http://v1", root("http://v1", Map.of()));
    assertEquals("ws://gateway.example/llm", SuiteConfig.load(Map.of("target.base-url", "http://gateway.example/llm/v1"),
        Map.of()).target().wsUrl());
    assertEquals("http://host:8000/v1", root("http://host:8000/v1", Map.of("target.paths.models", "/models",
        "target.paths.chat-completions", "/chat/completions", "target.paths.text-to-speech", "/tts/{voice}",
        "target.paths.text-to-speech-stream", "/tts/{voice}/stream", "target.paths.personality", "/personality",
        "target.paths.webvtt", "/webvtt", "target.paths.responses", "/responses",
        "target.paths.anthropic-messages", "/messages", "target.paths.completions", "/completions")));
  }

  private static String root(String baseUrl, Map<String, String> paths) {
    Map<String, String> settings = new java.util.HashMap<>(paths);
    settings.put("target.base-url", baseUrl);
    return SuiteConfig.load(settings, Map.of()).target().baseUrl();
  }
}
