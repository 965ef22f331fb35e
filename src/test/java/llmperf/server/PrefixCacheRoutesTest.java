package llmperf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import llmperf.resources.PrometheusText;
import org.junit.jupiter.api.Test;

/**
 * The prefix cache over real sockets: a shared system prompt's full blocks are reported cached on each API and skip
 * their prefill; an unrelated prompt hits nothing; /metrics counts both.
 */
class PrefixCacheRoutesTest {

  /** 100 blocks of 16 tokens (64 characters): 1600 tokens of system prompt. */
  private static final String SYSTEM = "You are a careful assistant. ".repeat(221).substring(0, 6400);
  private static final int SHARED_TOKENS = 1600;

  private static TargetSettings settings(int blocks) {
    TargetSettings fast = TargetTestSupport.fast();
    // 0.05 ms a prompt token: 1600 cached tokens save 80 ms of prefill.
    return new TargetSettings(fast.host(), 0, fast.seed(), fast.apiKey(), fast.userPassword(), fast.model(),
        fast.maxBodyBytes(), fast.restMedian(), fast.restP95(), fast.mlMedian(), fast.mlP95(), fast.slots(),
        fast.queueCapacity(), fast.retryAfter(), fast.prefillBase(), Duration.ofNanos(50_000),
        fast.tokenInterval(), fast.contention(), fast.defaultMaxTokens(), fast.minOutputFraction(),
        fast.voiceFirstByte(), fast.voiceBytesPerSecond(), fast.voiceBytesPerChar(), fast.faults(),
        ReasoningSettings.none(), new PrefixCacheSettings(16, blocks), TargetSettings.CHARS_PER_TOKEN);
  }

  private record Api(String path, Map<String, String> auth, Function<String, String> body,
      Function<JsonNode, Integer> cached) {}

  private static String chat(String user) {
    return "{\"model\":\"test-model\",\"max_tokens\":2,\"messages\":[{\"role\":\"system\",\"content\":\"" + SYSTEM
        + "\"},{\"role\":\"user\",\"content\":\"" + user + "\"}]}";
  }

  private static final List<Api> APIS = List.of(
      new Api("/v1/chat/completions", ApiTestSupport.OPENAI_AUTH, PrefixCacheRoutesTest::chat,
          reply -> reply.path("usage").path("prompt_tokens_details").path("cached_tokens").asInt(-1)),
      new Api("/v1/completions", ApiTestSupport.OPENAI_AUTH,
          user -> "{\"model\":\"test-model\",\"max_tokens\":2,\"prompt\":\"" + SYSTEM + user + "\"}",
          reply -> reply.path("usage").path("prompt_tokens_details").path("cached_tokens").asInt(-1)),
      new Api("/v1/responses", ApiTestSupport.OPENAI_AUTH,
          user -> "{\"model\":\"test-model\",\"max_output_tokens\":2,\"instructions\":\"" + SYSTEM
              + "\",\"input\":\"" + user + "\"}",
          reply -> reply.path("usage").path("input_tokens_details").path("cached_tokens").asInt(-1)),
      new Api("/v1/messages", ApiTestSupport.ANTHROPIC_AUTH,
          user -> "{\"model\":\"test-model\",\"max_tokens\":2,\"system\":\"" + SYSTEM
              + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + user + "\"}]}",
          reply -> reply.path("usage").path("cache_read_input_tokens").asInt(-1)));

  private static JsonNode post(EmbeddedTarget target, Api api, String user, String requestId) {
    Map<String, String> headers = new HashMap<>(api.auth());
    headers.put(EmbeddedTarget.REQUEST_ID_HEADER, requestId);
    String raw = ApiTestSupport.raw(target, api.path(), headers, api.body().apply(user));
    assertTrue(raw.startsWith("HTTP/1.1 200"), raw);
    return ApiTestSupport.body(raw);
  }

  @Test
  void aSharedSystemPromptIsCachedOnEveryApiAndSkipsItsPrefill() {
    for (Api api : APIS) {
      // A target per API: every API's prompt text starts with the same system prompt.
      try (EmbeddedTarget target = EmbeddedTarget.start(settings(65_536))) {
        assertEquals(0, api.cached().apply(post(target, api, "Tell me a story.", "first")), api.path());
        assertEquals(SHARED_TOKENS, api.cached().apply(post(target, api, "Write me a poem.", "second")),
            api.path() + ": the system prompt's 100 full blocks");
        EmbeddedTarget.ServerRecord miss = target.takeRecord("first");
        EmbeddedTarget.ServerRecord hit = target.takeRecord("second");
        assertNotNull(hit, api.path());
        assertEquals(0, miss.cachedTokens());
        assertEquals(SHARED_TOKENS, hit.cachedTokens());
        assertEquals(SHARED_TOKENS * 50_000L, miss.prefillNanos() - hit.prefillNanos(), api.path());
        assertTrue(hit.firstContentAt() - hit.receivedAt() < miss.firstContentAt() - miss.receivedAt(),
            api.path() + ": the hit's first token came sooner");

        PrometheusText.Exposition metrics = PrometheusText.parse(TargetTestSupport.send(
            TargetTestSupport.client(), TargetTestSupport.request(target, "/metrics").GET().build()).body());
        assertTrue(metrics.isCounter("llmperf_target_prefix_cache_hit_tokens_total"));
        assertTrue(metrics.isCounter("llmperf_target_prefix_cache_queried_tokens_total"));
        assertEquals(SHARED_TOKENS, value(metrics, "llmperf_target_prefix_cache_hit_tokens_total"));
        assertTrue(value(metrics, "llmperf_target_prefix_cache_queried_tokens_total") > 2 * SHARED_TOKENS);
      }
    }
  }

  @Test
  void anUnrelatedPromptHitsNothing() {
    try (EmbeddedTarget target = EmbeddedTarget.start(settings(65_536))) {
      Api chat = APIS.get(0);
      post(target, chat, "Tell me a story.", "first");
      String unrelated = "{\"model\":\"test-model\",\"max_tokens\":2,\"messages\":[{\"role\":\"user\","
          + "\"content\":\"" + "Something else entirely. ".repeat(100) + "\"}]}";
      assertEquals(0, chat.cached().apply(ApiTestSupport.body(
          ApiTestSupport.raw(target, chat.path(), ApiTestSupport.OPENAI_AUTH, unrelated))));
    }
  }

  @Test
  void theAnthropicInputTokensAreTheUncachedOnes() {
    try (EmbeddedTarget target = EmbeddedTarget.start(settings(65_536))) {
      Api messages = APIS.get(3);
      int whole = post(target, messages, "Hi.", "a").path("usage").path("input_tokens").asInt();
      JsonNode usage = post(target, messages, "Hi.", "b").path("usage");
      assertEquals(whole, usage.path("input_tokens").asInt() + usage.path("cache_read_input_tokens").asInt());
    }
  }

  @Test
  void zeroBlocksTurnsTheCacheOff() {
    try (EmbeddedTarget target = EmbeddedTarget.start(settings(0))) {
      Api chat = APIS.get(0);
      post(target, chat, "one", "one");
      assertEquals(0, chat.cached().apply(post(target, chat, "two", "two")));
      assertEquals(target.takeRecord("one").prefillNanos(), target.takeRecord("two").prefillNanos());
    }
  }

  private static double value(PrometheusText.Exposition exposition, String name) {
    return exposition.samples().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().value();
  }
}
