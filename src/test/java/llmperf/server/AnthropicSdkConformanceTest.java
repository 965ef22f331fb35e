package llmperf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic Java SDK against the reference server's Messages API, streaming and not: text, thinking and
 * tool_use replies. Every event must pass the SDK's validation and its accumulator must rebuild the message sent.
 */
class AnthropicSdkConformanceTest {

  private static EmbeddedTarget target;
  private static AnthropicClient client;

  @BeforeAll
  static void start() {
    target = EmbeddedTarget.start(ApiTestSupport.withReasoning());
    client = client(TargetTestSupport.API_KEY);
  }

  @AfterAll
  static void stop() {
    client.close();
    target.close();
  }

  private static AnthropicClient client(String apiKey) {
    return AnthropicOkHttpClient.builder().apiKey(apiKey).baseUrl(target.baseUrl()).maxRetries(0)
        .timeout(Duration.ofSeconds(10)).build();
  }

  private static MessageCreateParams.Builder params(String model) {
    return MessageCreateParams.builder().model(model).system("Be brief").addUserMessage("Say something")
        .maxTokens(6);
  }

  /** Streams a message: every event validated and accumulated; the deltas gathered, thinking's marked "|t". */
  private static Message stream(MessageCreateParams params, StringBuilder deltas) {
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream().forEach(event -> {
        event.validate();
        accumulator.accumulate(event);
        event.contentBlockDelta().ifPresent(d -> {
          d.delta().text().ifPresent(t -> deltas.append(t.text()));
          d.delta().thinking().ifPresent(t -> deltas.append("|t").append(t.thinking()));
          d.delta().inputJson().ifPresent(t -> deltas.append(t.partialJson()));
        });
      });
    }
    Message message = accumulator.message();
    message.validate();
    return message;
  }

  private static String text(Message message) {
    StringBuilder text = new StringBuilder();
    message.content().forEach(block -> block.text().ifPresent(t -> text.append(t.text())));
    return text.toString();
  }

  @Test
  void plainStreamedAndNot() {
    StringBuilder deltas = new StringBuilder();
    Message streamed = stream(params("test-model").build(), deltas);
    assertEquals(deltas.toString(), text(streamed));
    assertEquals(deltas.toString().split(" ").length - 1, streamed.usage().outputTokens());
    assertTrue(List.of(StopReason.END_TURN, StopReason.MAX_TOKENS).contains(streamed.stopReason().orElseThrow()));

    Message whole = client.messages().create(params("test-model").build());
    whole.validate();
    assertFalse(text(whole).isBlank());
  }

  @Test
  void thinkingComesFirstWithItsSignature() {
    StringBuilder deltas = new StringBuilder();
    Message streamed = stream(params(ApiTestSupport.THINK).build(), deltas);
    assertEquals(ApiTestSupport.REASONING_TOKENS, deltas.toString().split("\\|t").length - 1, deltas.toString());
    for (Message message : List.of(streamed, client.messages().create(params(ApiTestSupport.REASON).build()))) {
      message.validate();
      ContentBlock first = message.content().get(0);
      assertTrue(first.isThinking(), message.toString());
      assertEquals(ApiTestSupport.REASONING_TOKENS, first.asThinking().thinking().split(" ").length - 1);
      assertFalse(first.asThinking().signature().isEmpty());
      assertFalse(text(message).isBlank());
    }
    assertEquals(ApiTestSupport.REASONING_TOKENS + text(streamed).split(" ").length - 1,
        streamed.usage().outputTokens());
  }

  @Test
  void toolUse() {
    MessageCreateParams params = params("test-model").addTool(Tool.builder().name("search")
        .inputSchema(Tool.InputSchema.builder().properties(JsonValue.from(Map.of("query",
            Map.of("type", "string")))).build()).build()).build();
    StringBuilder deltas = new StringBuilder();
    Message streamed = stream(params, deltas);
    assertEquals("query", TargetTestSupport.parse(deltas.toString()).fieldNames().next(), deltas.toString());
    for (Message message : List.of(streamed, client.messages().create(params))) {
      message.validate();
      assertEquals(StopReason.TOOL_USE, message.stopReason().orElseThrow());
      ContentBlock block = message.content().get(0);
      assertEquals("search", block.asToolUse().name());
      assertTrue(block.asToolUse().id().startsWith("toolu_"));
      Map<?, ?> input = block.asToolUse()._input().convert(Map.class);
      assertTrue(input.get("query") instanceof String, input.toString());
    }
  }

  @Test
  void aWrongKeyIsUnauthorized() {
    AnthropicClient wrong = client("sk-wrong");
    try {
      UnauthorizedException e = assertThrows(UnauthorizedException.class,
          () -> wrong.messages().create(params("test-model").build()));
      assertTrue(e.getMessage().contains("x-api-key"), e.getMessage());
      assertThrows(UnauthorizedException.class, () -> {
        try (StreamResponse<RawMessageStreamEvent> s = wrong.messages().createStreaming(params("test-model")
            .build())) {
          s.stream().count();
        }
      });
    } finally {
      wrong.close();
    }
  }
}
