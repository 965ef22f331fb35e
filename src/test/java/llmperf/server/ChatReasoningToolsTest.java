package llmperf.server;

import static llmperf.server.ApiTestSupport.OPENAI_AUTH;
import static llmperf.server.ApiTestSupport.REASONING_TOKENS;
import static llmperf.server.ApiTestSupport.events;
import static llmperf.server.TargetTestSupport.chatCompletion;
import static llmperf.server.TargetTestSupport.parse;
import static llmperf.server.TargetTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Chat completions' reasoning and tool-call replies, byte for byte as llama.cpp, vLLM and OpenAI stream them. */
class ChatReasoningToolsTest {

  private static final String TOOLS = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"search\","
      + "\"parameters\":{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}}}}},"
      + "{\"type\":\"function\",\"function\":{\"name\":\"other\"}}]";

  private static EmbeddedTarget target;
  private static HttpClient client;

  @BeforeAll
  static void start() {
    target = EmbeddedTarget.start(ApiTestSupport.withReasoning());
    client = TargetTestSupport.client();
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  private static String body(String model, boolean stream, String extra) {
    return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":6"
        + ",\"stream\":" + stream + ",\"stream_options\":{\"include_usage\":" + stream + "}" + extra + "}";
  }

  private static List<JsonNode> chunks(String body) {
    List<ApiTestSupport.Sse> events = events(body);
    assertEquals("[DONE]", events.get(events.size() - 1).data());
    return events.subList(0, events.size() - 1).stream().map(ApiTestSupport.Sse::json).toList();
  }

  private static JsonNode delta(JsonNode chunk) {
    return chunk.get("choices").get(0).get("delta");
  }

  @Test
  void aReasoningModelStreamsItsReasoningInItsFieldBeforeTheAnswer() {
    for (String model : List.of(ApiTestSupport.THINK, ApiTestSupport.REASON)) {
      String field = model.equals(ApiTestSupport.THINK) ? "reasoning_content" : "reasoning";
      HttpResponse<String> resp = send(client, chatCompletion(target, body(model, true, "")));
      List<JsonNode> chunks = chunks(resp.body());
      assertEquals("{\"role\":\"assistant\",\"content\":\"\"}", delta(chunks.get(0)).toString());
      StringBuilder reasoning = new StringBuilder();
      for (JsonNode chunk : chunks.subList(1, 1 + REASONING_TOKENS)) {
        assertEquals(List.of(field), names(delta(chunk).fieldNames()), chunk.toString());
        reasoning.append(delta(chunk).get(field).asText());
      }
      List<JsonNode> answer = chunks.subList(1 + REASONING_TOKENS, chunks.size() - 2);
      assertTrue(answer.size() >= 3, resp.body());
      answer.forEach(chunk -> assertEquals(List.of("content"), names(delta(chunk).fieldNames())));
      JsonNode usage = chunks.get(chunks.size() - 1).get("usage");
      assertEquals(REASONING_TOKENS + answer.size(), usage.get("completion_tokens").asInt());
      assertEquals(REASONING_TOKENS, usage.get("completion_tokens_details").get("reasoning_tokens").asInt());
      assertTrue(reasoning.toString().startsWith(" "));

      JsonNode whole = parse(send(client, chatCompletion(target, body(model, false, ""))).body());
      JsonNode message = whole.get("choices").get(0).get("message");
      assertEquals(REASONING_TOKENS, message.get(field).asText().split(" ").length - 1, message.toString());
      assertFalse(message.get("content").asText().isEmpty());
      assertEquals(REASONING_TOKENS, whole.get("usage").get("completion_tokens_details").get("reasoning_tokens")
          .asInt());
    }
  }

  @Test
  void theModelListNamesTheReasoningModelsBesideTheConfiguredOne() {
    JsonNode models = parse(send(client, TargetTestSupport.authorized(target, "/v1/models", TargetTestSupport.API_KEY)
        .GET().build()).body());
    List<String> ids = new ArrayList<>();
    models.get("data").forEach(m -> ids.add(m.get("id").asText()));
    assertEquals(List.of("test-model", ApiTestSupport.REASON, ApiTestSupport.THINK), ids);
  }

  @Test
  void aPlainModelStreamsNoReasoningAndNoReasoningUsage() {
    String body = send(client, chatCompletion(target, body("test-model", true, ""))).body();
    assertFalse(body.contains("reasoning"), body);
  }

  @Test
  void aRequestWithToolsCallsTheFirstWithArgumentsStreamedOnePiecePerToken() {
    HttpResponse<String> resp = send(client, chatCompletion(target, body("test-model", true, TOOLS)));
    List<JsonNode> chunks = chunks(resp.body());
    assertEquals("{\"role\":\"assistant\",\"content\":null}", delta(chunks.get(0)).toString());
    JsonNode head = delta(chunks.get(1)).get("tool_calls").get(0);
    assertEquals(0, head.get("index").asInt());
    assertTrue(head.get("id").asText().startsWith("call_"), head.toString());
    assertEquals("function", head.get("type").asText());
    assertEquals("{\"name\":\"search\",\"arguments\":\"\"}", head.get("function").toString());
    List<JsonNode> pieces = chunks.subList(2, chunks.size() - 2);
    StringBuilder arguments = new StringBuilder();
    for (JsonNode chunk : pieces) {
      JsonNode call = delta(chunk).get("tool_calls").get(0);
      assertEquals(List.of("index", "function"), names(call.fieldNames()), call.toString());
      assertEquals(List.of("arguments"), names(call.get("function").fieldNames()), call.toString());
      assertFalse(delta(chunk).has("content"));
      arguments.append(call.get("function").get("arguments").asText());
    }
    JsonNode parsed = parse(arguments.toString());
    assertEquals(pieces.size(), parsed.get("query").asText().split(" ").length, arguments.toString());
    assertEquals("tool_calls", chunks.get(chunks.size() - 2).get("choices").get(0).get("finish_reason").asText());
    assertEquals(pieces.size(), chunks.get(chunks.size() - 1).get("usage").get("completion_tokens").asInt());

    JsonNode message = parse(send(client, chatCompletion(target, body("test-model", false, TOOLS))).body())
        .get("choices").get(0);
    assertEquals("tool_calls", message.get("finish_reason").asText());
    assertTrue(message.get("message").get("content").isNull());
    JsonNode call = message.get("message").get("tool_calls").get(0);
    assertEquals("search", call.get("function").get("name").asText());
    assertTrue(parse(call.get("function").get("arguments").asText()).get("query").isTextual());
  }

  @Test
  void toolChoiceNoneOrNoToolsGetsContent() {
    String none = send(client, chatCompletion(target, body("test-model", true, TOOLS + ",\"tool_choice\":\"none\"")))
        .body();
    assertFalse(none.contains("tool_calls"), none);
    String empty = send(client, chatCompletion(target, body("test-model", true, ",\"tools\":[]"))).body();
    assertFalse(empty.contains("tool_calls"), empty);
    HttpResponse<String> bad = send(client, chatCompletion(target, body("test-model", true, ",\"tools\":{}")));
    assertEquals("'tools' must be an array", TargetTestSupport.errorMessage(bad, 400));
  }

  @Test
  void theServersRecordTellsTheFirstReasoningTokenFromTheFirstAnswerToken() throws Exception {
    String raw = ApiTestSupport.raw(target, "/v1/chat/completions",
        Map.of("Authorization", OPENAI_AUTH.get("Authorization"), "x-request-id", "reasoning-1"),
        body(ApiTestSupport.THINK, true, ""));
    assertTrue(raw.contains("[DONE]"), raw);
    EmbeddedTarget.ServerRecord record = target.takeRecord("reasoning-1");
    assertNotNull(record);
    assertEquals(record.firstContentAt(), record.firstReasoningAt());
    // Five reasoning tokens 2 ms apart come before the answer.
    assertTrue(record.firstAnswerAt() - record.firstReasoningAt() >= 4 * 1_900_000L, record.toString());
    assertTrue(record.lastContentAt() >= record.firstAnswerAt());

    ApiTestSupport.raw(target, "/v1/chat/completions",
        Map.of("Authorization", OPENAI_AUTH.get("Authorization"), "x-request-id", "plain-1"),
        body("test-model", true, ""));
    EmbeddedTarget.ServerRecord plain = target.takeRecord("plain-1");
    assertEquals(-1, plain.firstReasoningAt());
    assertEquals(plain.firstContentAt(), plain.firstAnswerAt());
  }

  private static List<String> names(Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }
}
