package llmperf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK against the reference server, streaming and not: chat completions, Responses and
 * legacy completions, with plain, reasoning and tool-call replies. Every chunk and event must pass the SDK's own
 * validation, and its accumulators must rebuild the reply the server sent.
 */
class OpenAiSdkConformanceTest {

  private static EmbeddedTarget target;
  private static OpenAIClient client;

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

  private static OpenAIClient client(String apiKey) {
    return OpenAIOkHttpClient.builder().apiKey(apiKey).baseUrl(target.baseUrl() + "/v1").maxRetries(0)
        .timeout(Duration.ofSeconds(10)).build();
  }

  private static ChatCompletionCreateParams.Builder chat(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say something").maxCompletionTokens(6);
  }

  /** Streams a chat completion: every chunk validated, all accumulated, the reasoning field's text gathered. */
  private static ChatCompletion streamChat(ChatCompletionCreateParams params, String reasoningField,
      StringBuilder reasoning) {
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      stream.stream().forEach(chunk -> {
        chunk.validate();
        accumulator.accumulate(chunk);
        chunk.choices().forEach(choice -> {
          JsonValue piece = choice.delta()._additionalProperties().get(reasoningField);
          if (piece != null) {
            reasoning.append(piece.asStringOrThrow());
          }
        });
      });
    }
    return accumulator.chatCompletion();
  }

  @Test
  void chatCompletionsPlainStreamedAndNot() {
    ChatCompletionCreateParams params = chat("test-model")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
    ChatCompletion streamed = streamChat(params, "reasoning_content", new StringBuilder());
    String text = streamed.choices().get(0).message().content().orElseThrow();
    assertTrue(text.startsWith(" ") && text.split(" ").length >= 4, text);
    assertEquals(text.split(" ").length - 1, streamed.usage().orElseThrow().completionTokens());

    ChatCompletion whole = client.chat().completions().create(chat("test-model").build());
    whole.validate();
    assertFalse(whole.choices().get(0).message().content().orElseThrow().isBlank());
    assertTrue(Set.of("stop", "length").contains(whole.choices().get(0).finishReason().asString()));
  }

  @Test
  void chatCompletionsReasoningInEitherField() {
    for (Map.Entry<String, String> model : Map.of(ApiTestSupport.THINK, "reasoning_content",
        ApiTestSupport.REASON, "reasoning").entrySet()) {
      StringBuilder reasoning = new StringBuilder();
      ChatCompletion streamed = streamChat(chat(model.getKey())
          .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build(),
          model.getValue(), reasoning);
      assertEquals(ApiTestSupport.REASONING_TOKENS, reasoning.toString().split(" ").length - 1, reasoning.toString());
      assertFalse(streamed.choices().get(0).message().content().orElseThrow().isBlank());
      assertEquals(ApiTestSupport.REASONING_TOKENS, streamed.usage().orElseThrow().completionTokensDetails()
          .orElseThrow().reasoningTokens().orElseThrow());

      ChatCompletion whole = client.chat().completions().create(chat(model.getKey()).build());
      whole.validate();
      String text = whole.choices().get(0).message()._additionalProperties().get(model.getValue()).asStringOrThrow();
      assertEquals(ApiTestSupport.REASONING_TOKENS, text.split(" ").length - 1, text);
    }
  }

  @Test
  void chatCompletionsToolCall() {
    ChatCompletionCreateParams params = chat("test-model")
        .addFunctionTool(FunctionDefinition.builder().name("search").build()).build();
    for (ChatCompletion reply : List.of(streamChat(params, "reasoning", new StringBuilder()),
        client.chat().completions().create(params))) {
      reply.validate();
      ChatCompletion.Choice choice = reply.choices().get(0);
      assertEquals("tool_calls", choice.finishReason().asString());
      var call = choice.message().toolCalls().orElseThrow().get(0).asFunction();
      assertEquals("search", call.function().name());
      assertTrue(TargetTestSupport.parse(call.function().arguments()).get("query").isTextual(),
          call.function().arguments());
      assertTrue(call.id().startsWith("call_"));
    }
  }

  private static ResponseCreateParams.Builder responses(String model) {
    return ResponseCreateParams.builder().model(model).instructions("Be brief").input("Say something")
        .maxOutputTokens(6);
  }

  /** Streams a response: every event validated and accumulated; the deltas gathered, reasoning's marked "|r". */
  private static Response streamResponse(ResponseCreateParams params, StringBuilder deltas) {
    ResponseAccumulator accumulator = ResponseAccumulator.create();
    try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params)) {
      stream.stream().forEach(event -> {
        event.validate();
        accumulator.accumulate(event);
        event.outputTextDelta().ifPresent(d -> deltas.append(d.delta()));
        event.reasoningTextDelta().ifPresent(d -> deltas.append("|r").append(d.delta()));
        event.functionCallArgumentsDelta().ifPresent(d -> deltas.append(d.delta()));
      });
    }
    Response response = accumulator.response();
    response.validate();
    return response;
  }

  private static String outputText(Response response) {
    StringBuilder text = new StringBuilder();
    response.output().forEach(item -> item.message().ifPresent(
        message -> message.content().forEach(c -> c.outputText().ifPresent(t -> text.append(t.text())))));
    return text.toString();
  }

  @Test
  void responsesPlainStreamedAndNot() {
    StringBuilder deltas = new StringBuilder();
    Response streamed = streamResponse(responses("test-model").build(), deltas);
    assertEquals(deltas.toString(), outputText(streamed));
    assertEquals(deltas.toString().split(" ").length - 1, streamed.usage().orElseThrow().outputTokens());

    Response whole = client.responses().create(responses("test-model").build());
    whole.validate();
    assertFalse(outputText(whole).isBlank());
    assertEquals(0, whole.usage().orElseThrow().outputTokensDetails().reasoningTokens());
  }

  @Test
  void responsesReasoning() {
    StringBuilder deltas = new StringBuilder();
    Response streamed = streamResponse(responses(ApiTestSupport.THINK).build(), deltas);
    assertEquals(ApiTestSupport.REASONING_TOKENS, deltas.toString().split("\\|r").length - 1, deltas.toString());
    ResponseOutputItem reasoning = streamed.output().get(0);
    assertEquals(ApiTestSupport.REASONING_TOKENS,
        reasoning.asReasoning().content().orElseThrow().get(0).text().split(" ").length - 1);
    assertFalse(outputText(streamed).isBlank());
    assertEquals(ApiTestSupport.REASONING_TOKENS,
        streamed.usage().orElseThrow().outputTokensDetails().reasoningTokens());

    Response whole = client.responses().create(responses(ApiTestSupport.REASON).build());
    whole.validate();
    assertTrue(whole.output().get(0).isReasoning());
    assertFalse(outputText(whole).isBlank());
  }

  @Test
  void responsesToolCall() {
    ResponseCreateParams params = responses("test-model").addTool(FunctionTool.builder().name("search")
        .parameters(FunctionTool.Parameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
            .build()).strict(false).build()).build();
    StringBuilder deltas = new StringBuilder();
    Response streamed = streamResponse(params, deltas);
    for (Response reply : List.of(streamed, client.responses().create(params))) {
      reply.validate();
      ResponseFunctionToolCall call = reply.output().get(0).asFunctionCall();
      assertEquals("search", call.name());
      assertTrue(TargetTestSupport.parse(call.arguments()).get("query").isTextual(), call.arguments());
    }
    assertEquals(deltas.toString(), streamed.output().get(0).asFunctionCall().arguments());
  }

  @Test
  void legacyCompletionsStreamedAndNot() {
    CompletionCreateParams params = CompletionCreateParams.builder().model("test-model").prompt("Once upon a time")
        .maxTokens(6).build();
    StringBuilder text = new StringBuilder();
    try (StreamResponse<Completion> stream = client.completions().createStreaming(params)) {
      // Not validated: the SDK's model requires the finish_reason that OpenAI's own stream leaves null mid-stream.
      stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> text.append(choice.text())));
    }
    assertTrue(text.toString().split(" ").length >= 4, text.toString());
    Completion whole = client.completions().create(params);
    whole.validate();
    assertEquals("text_completion", whole._object_().asStringOrThrow());
    assertFalse(whole.choices().get(0).text().isBlank());
  }

  @Test
  void aWrongKeyIsUnauthorizedOnEveryApi() {
    OpenAIClient wrong = client("sk-wrong");
    try {
      assertThrows(UnauthorizedException.class, () -> wrong.chat().completions().create(chat("test-model").build()));
      assertThrows(UnauthorizedException.class, () -> wrong.responses().create(responses("test-model").build()));
      assertThrows(UnauthorizedException.class, () -> wrong.completions().create(
          CompletionCreateParams.builder().model("test-model").prompt("x").build()));
      UnauthorizedException streamed = assertThrows(UnauthorizedException.class, () -> {
        try (StreamResponse<ResponseStreamEvent> s = wrong.responses().createStreaming(
            responses("test-model").build())) {
          s.stream().count();
        }
      });
      assertTrue(streamed.getMessage().contains("missing or invalid API key"), streamed.getMessage());
    } finally {
      wrong.close();
    }
  }
}
