package llmperf.server;

import static llmperf.server.ApiTestSupport.ANTHROPIC_AUTH;
import static llmperf.server.ApiTestSupport.REASONING_TOKENS;
import static llmperf.server.ApiTestSupport.events;
import static llmperf.server.ApiTestSupport.named;
import static llmperf.server.ApiTestSupport.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /v1/messages on the wire: Anthropic's events per block kind, its headers, its error shape, every fault. */
class AnthropicRoutesTest {

  private static final String PATH = "/v1/messages";
  private static final String TOOLS = ",\"tools\":[{\"name\":\"search\",\"input_schema\":{\"type\":\"object\"}}]";

  private static EmbeddedTarget target;

  @BeforeAll
  static void start() {
    target = EmbeddedTarget.start(ApiTestSupport.withReasoning());
  }

  @BeforeEach
  void healthy() {
    target.setFaults(Faults.none());
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  private static String body(String model, boolean stream, String extra) {
    return "{\"model\":\"" + model + "\",\"max_tokens\":6,\"system\":\"Be brief\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"hi\"}],\"stream\":" + stream + extra + "}";
  }

  private static List<ApiTestSupport.Sse> stream(String model, String extra) {
    String raw = raw(target, PATH, ANTHROPIC_AUTH, body(model, true, extra));
    assertTrue(raw.startsWith("HTTP/1.1 200"), raw);
    List<ApiTestSupport.Sse> events = events(ApiTestSupport.dechunked(raw));
    events.forEach(e -> assertEquals(e.event(), e.json().get("type").asText(), e.data()));
    return events;
  }

  /** The event names with each run of content_block_delta counted once. */
  private static List<String> shape(List<ApiTestSupport.Sse> events) {
    List<String> shape = new ArrayList<>();
    for (ApiTestSupport.Sse e : events) {
      String name = e.event().equals("content_block_delta")
          ? "delta:" + e.json().get("delta").get("type").asText() : e.event();
      if (shape.isEmpty() || !shape.get(shape.size() - 1).equals(name)) {
        shape.add(name);
      }
    }
    return shape;
  }

  @Test
  void aTextReplyStreamsAnthropicsEventsInOrder() {
    List<ApiTestSupport.Sse> events = stream("test-model", "");
    assertEquals(List.of("message_start", "content_block_start", "ping", "delta:text_delta", "content_block_stop",
        "message_delta", "message_stop"), shape(events));
    JsonNode message = events.get(0).json().get("message");
    assertEquals("message", message.get("type").asText());
    assertEquals("assistant", message.get("role").asText());
    assertEquals("test-model", message.get("model").asText());
    assertEquals(0, message.get("content").size());
    assertEquals("{\"type\":\"text\",\"text\":\"\",\"citations\":null}",
        events.get(1).json().get("content_block").toString());
    List<JsonNode> deltas = named(events, "content_block_delta");
    deltas.forEach(d -> assertEquals(0, d.get("index").asInt()));
    JsonNode messageDelta = named(events, "message_delta").get(0);
    assertEquals(deltas.size() == 6 ? "max_tokens" : "end_turn",
        messageDelta.get("delta").get("stop_reason").asText());
    assertEquals(deltas.size(), messageDelta.get("usage").get("output_tokens").asInt());
  }

  @Test
  void aReasoningModelThinksFirstAndSignsItsThinking() {
    List<ApiTestSupport.Sse> events = stream(ApiTestSupport.THINK, "");
    assertEquals(List.of("message_start", "content_block_start", "ping", "delta:thinking_delta",
        "delta:signature_delta", "content_block_stop", "content_block_start", "delta:text_delta",
        "content_block_stop", "message_delta", "message_stop"), shape(events));
    assertEquals(REASONING_TOKENS, named(events, "content_block_delta").stream()
        .filter(d -> d.get("delta").get("type").asText().equals("thinking_delta")).count());
    List<JsonNode> starts = named(events, "content_block_start");
    assertEquals("thinking", starts.get(0).get("content_block").get("type").asText());
    assertEquals(1, starts.get(1).get("index").asInt());
    JsonNode usage = named(events, "message_delta").get(0).get("usage");
    assertEquals(named(events, "content_block_delta").size() - 1, usage.get("output_tokens").asInt());

    String disabled = raw(target, PATH, ANTHROPIC_AUTH,
        body(ApiTestSupport.THINK, true, ",\"thinking\":{\"type\":\"disabled\"}"));
    assertFalse(disabled.contains("thinking_delta"), disabled);
  }

  @Test
  void aToolUseBlockStreamsItsInputAsJsonPieces() {
    List<ApiTestSupport.Sse> events = stream("test-model", TOOLS);
    assertEquals(List.of("message_start", "content_block_start", "ping", "delta:input_json_delta",
        "content_block_stop", "message_delta", "message_stop"), shape(events));
    JsonNode block = named(events, "content_block_start").get(0).get("content_block");
    assertEquals("tool_use", block.get("type").asText());
    assertEquals("search", block.get("name").asText());
    assertEquals("{}", block.get("input").toString());
    StringBuilder json = new StringBuilder();
    named(events, "content_block_delta").forEach(d -> json.append(d.get("delta").get("partial_json").asText()));
    assertTrue(TargetTestSupport.parse(json.toString()).get("query").isTextual(), json.toString());
    assertEquals("tool_use", named(events, "message_delta").get(0).get("delta").get("stop_reason").asText());

    JsonNode whole = ApiTestSupport.body(raw(target, PATH, ANTHROPIC_AUTH, body("test-model", false, TOOLS)));
    assertEquals("tool_use", whole.get("stop_reason").asText());
    assertTrue(whole.get("content").get(0).get("input").get("query").isTextual(), whole.toString());
  }

  @Test
  void aWholeMessageCarriesThinkingThenText() {
    JsonNode whole = ApiTestSupport.body(raw(target, PATH, ANTHROPIC_AUTH, body(ApiTestSupport.REASON, false, "")));
    JsonNode content = whole.get("content");
    assertEquals("thinking", content.get(0).get("type").asText());
    assertFalse(content.get(0).get("signature").asText().isEmpty());
    assertEquals("text", content.get(1).get("type").asText());
    assertEquals(REASONING_TOKENS + content.get(1).get("text").asText().split(" ").length - 1,
        whole.get("usage").get("output_tokens").asInt());
  }

  private static void assertAnthropicError(String raw, String status, String type) {
    assertEquals(status, ApiTestSupport.status(raw));
    JsonNode body = ApiTestSupport.body(raw);
    assertEquals("error", body.get("type").asText(), raw);
    assertEquals(type, body.get("error").get("type").asText(), raw);
    assertTrue(body.get("error").get("message").isTextual());
  }

  @Test
  void errorsComeInAnthropicsShape() {
    assertAnthropicError(raw(target, PATH, Map.of("anthropic-version", "2023-06-01"), body("m", true, "")),
        "HTTP/1.1 401 Unauthorized", "authentication_error");
    assertAnthropicError(raw(target, PATH, Map.of("Authorization", "Bearer nope", "anthropic-version", "x"),
        body("m", true, "")), "HTTP/1.1 401 Unauthorized", "authentication_error");
    assertAnthropicError(raw(target, PATH, Map.of("x-api-key", TargetTestSupport.API_KEY), body("m", true, "")),
        "HTTP/1.1 400 Bad Request", "invalid_request_error");
    assertAnthropicError(raw(target, PATH, ANTHROPIC_AUTH,
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
        "HTTP/1.1 400 Bad Request", "invalid_request_error");
    target.setFaults(ApiTestSupport.errorRate(1));
    assertAnthropicError(raw(target, PATH, ANTHROPIC_AUTH, body("m", true, "")),
        "HTTP/1.1 500 Internal Server Error", "api_error");
  }

  @Test
  void dropAndTruncateCutTheStreamBeforeMessageStop() {
    target.setFaults(ApiTestSupport.streamFaults(1, 0));
    String dropped = raw(target, PATH, ANTHROPIC_AUTH, body(ApiTestSupport.THINK, true, ""));
    assertTrue(dropped.contains("thinking_delta"), dropped);
    assertFalse(dropped.contains("message_stop"), dropped);
    assertFalse(dropped.endsWith("0\r\n\r\n"), "chunked terminator after a drop: " + dropped);

    target.setFaults(ApiTestSupport.streamFaults(0, 1));
    String truncated = raw(target, PATH, ANTHROPIC_AUTH, body("test-model", true, ""));
    assertTrue(truncated.endsWith("\r\n0\r\n\r\n"), truncated);
    assertTrue(truncated.contains("text_delta"), truncated);
    assertFalse(truncated.contains("message_stop") || truncated.contains("message_delta"), truncated);
  }

  @Test
  void aFullPoolAnswers429AndShutdownSendsAnErrorEvent() throws IOException {
    EmbeddedTarget small = EmbeddedTarget.start(TargetTestSupport.fast().withSlots(1, 0));
    try {
      String longStream = "{\"model\":\"m\",\"max_tokens\":2000,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
          + "\"stream\":true}";
      List<String> refused = new ArrayList<>();
      ApiTestSupport.withTheOnlySlotTaken(small, PATH, ANTHROPIC_AUTH, longStream,
          () -> refused.add(raw(small, PATH, ANTHROPIC_AUTH, longStream)));
      assertAnthropicError(refused.get(0), "HTTP/1.1 429 Too Many Requests", "rate_limit_error");
      assertTrue(refused.get(0).contains("retry-after: 2"), refused.get(0));

      TargetTestSupport.await("the slot free", TargetTestSupport.TIMEOUT, () -> small.stats().activeStreams() == 0);
      try (Socket socket = ApiTestSupport.open(small, PATH, ANTHROPIC_AUTH, longStream, true)) {
        TargetTestSupport.await("the stream", TargetTestSupport.TIMEOUT, () -> small.stats().activeStreams() == 1);
        small.close();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        socket.getInputStream().transferTo(all);
        List<ApiTestSupport.Sse> events = events(ApiTestSupport.dechunked(all.toString(StandardCharsets.UTF_8)));
        ApiTestSupport.Sse last = events.get(events.size() - 1);
        assertEquals("error", last.event());
        assertEquals("overloaded_error", last.json().get("error").get("type").asText());
      }
    } finally {
      small.close();
    }
  }
}
