package llmperf.server;

import static llmperf.server.ApiTestSupport.OPENAI_AUTH;
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

/** POST /v1/responses on the wire: the event sequence OpenAI documents, per token kind, and every fault. */
class ResponsesRoutesTest {

  private static final String PATH = "/v1/responses";
  private static final String TOOLS = ",\"tools\":[{\"type\":\"function\",\"name\":\"search\",\"parameters\":{}}]";

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
    return "{\"model\":\"" + model + "\",\"instructions\":\"Be brief\",\"input\":[{\"role\":\"user\",\"content\":"
        + "[{\"type\":\"input_text\",\"text\":\"hi\"}]}],\"max_output_tokens\":6,\"stream\":" + stream + extra + "}";
  }

  private static List<ApiTestSupport.Sse> stream(String model, String extra) {
    String raw = raw(target, PATH, OPENAI_AUTH, body(model, true, extra));
    assertTrue(raw.startsWith("HTTP/1.1 200"), raw);
    assertTrue(raw.contains("content-type: text/event-stream"), raw);
    List<ApiTestSupport.Sse> events = events(ApiTestSupport.dechunked(raw));
    for (int i = 0; i < events.size(); i++) {
      JsonNode data = events.get(i).json();
      assertEquals(events.get(i).event(), data.get("type").asText(), "event name and data type differ");
      assertEquals(i, data.get("sequence_number").asInt(), events.get(i).data());
    }
    return events;
  }

  private static List<String> names(List<ApiTestSupport.Sse> events) {
    return events.stream().map(ApiTestSupport.Sse::event).distinct().toList();
  }

  @Test
  void aPlainReplyStreamsTheDocumentedEventsInOrder() {
    List<ApiTestSupport.Sse> events = stream("test-model", "");
    assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
        "response.content_part.added", "response.output_text.delta", "response.output_text.done",
        "response.content_part.done", "response.output_item.done", lastName(events)), names(events));
    JsonNode created = events.get(0).json().get("response");
    assertEquals("in_progress", created.get("status").asText());
    assertTrue(created.get("usage").isNull());
    assertEquals("Be brief", created.get("instructions").asText());
    StringBuilder text = new StringBuilder();
    for (JsonNode delta : named(events, "response.output_text.delta")) {
      assertEquals(created.get("id").asText().replace("resp_", "msg_"), delta.get("item_id").asText());
      assertEquals(0, delta.get("output_index").asInt());
      assertEquals(0, delta.get("content_index").asInt());
      text.append(delta.get("delta").asText());
    }
    assertEquals(text.toString(), named(events, "response.output_text.done").get(0).get("text").asText());
    JsonNode done = events.get(events.size() - 1).json().get("response");
    JsonNode usage = done.get("usage");
    int tokens = named(events, "response.output_text.delta").size();
    assertEquals(tokens, usage.get("output_tokens").asInt());
    assertEquals(0, usage.get("output_tokens_details").get("reasoning_tokens").asInt());
    assertEquals(usage.get("input_tokens").asInt() + tokens, usage.get("total_tokens").asInt());
    assertEquals(text.toString(), done.get("output").get(0).get("content").get(0).get("text").asText());
  }

  /** response.completed, or response.incomplete when the answer reached max_output_tokens. */
  private static String lastName(List<ApiTestSupport.Sse> events) {
    JsonNode last = events.get(events.size() - 1).json();
    int tokens = named(events, "response.output_text.delta").size();
    assertEquals(tokens == 6 ? "response.incomplete" : "response.completed", last.get("type").asText());
    if (tokens == 6) {
      assertEquals("max_output_tokens", last.get("response").get("incomplete_details").get("reason").asText());
    }
    return last.get("type").asText();
  }

  @Test
  void aReasoningReplyStreamsAReasoningItemFirst() {
    List<ApiTestSupport.Sse> events = stream(ApiTestSupport.REASON, "");
    List<String> types = events.stream().map(ApiTestSupport.Sse::event).toList();
    assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
        "response.content_part.added"), types.subList(0, 4));
    assertEquals("reasoning", events.get(2).json().get("item").get("type").asText());
    assertEquals("reasoning_text", events.get(3).json().get("part").get("type").asText());
    assertEquals(List.of("response.reasoning_text.delta"), types.subList(4, 4 + REASONING_TOKENS).stream()
        .distinct().toList());
    assertEquals(List.of("response.reasoning_text.done", "response.content_part.done", "response.output_item.done",
        "response.output_item.added", "response.content_part.added", "response.output_text.delta"),
        types.subList(4 + REASONING_TOKENS, 10 + REASONING_TOKENS));
    JsonNode answerAdded = events.get(7 + REASONING_TOKENS).json();
    assertEquals(1, answerAdded.get("output_index").asInt());
    assertEquals("message", answerAdded.get("item").get("type").asText());
    JsonNode response = events.get(events.size() - 1).json().get("response");
    assertEquals(REASONING_TOKENS, response.get("usage").get("output_tokens_details").get("reasoning_tokens").asInt());
    assertEquals(REASONING_TOKENS + named(events, "response.output_text.delta").size(),
        response.get("usage").get("output_tokens").asInt());
    assertEquals("reasoning", response.get("output").get(0).get("type").asText());
  }

  @Test
  void aToolCallStreamsAFunctionCallItemWhoseArgumentsJoinIntoJson() {
    List<ApiTestSupport.Sse> events = stream("test-model", TOOLS);
    assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
        "response.function_call_arguments.delta", "response.function_call_arguments.done",
        "response.output_item.done", "response.completed"), names(events));
    JsonNode item = events.get(2).json().get("item");
    assertEquals("function_call", item.get("type").asText());
    assertEquals("search", item.get("name").asText());
    assertEquals("", item.get("arguments").asText());
    StringBuilder arguments = new StringBuilder();
    named(events, "response.function_call_arguments.delta").forEach(d -> arguments.append(d.get("delta").asText()));
    JsonNode done = named(events, "response.function_call_arguments.done").get(0);
    assertEquals(arguments.toString(), done.get("arguments").asText());
    assertTrue(TargetTestSupport.parse(arguments.toString()).get("query").isTextual());
    assertFalse(events.stream().anyMatch(e -> e.event().startsWith("response.output_text")));

    JsonNode whole = ApiTestSupport.body(raw(target, PATH, OPENAI_AUTH, body("test-model", false, TOOLS)));
    assertEquals("function_call", whole.get("output").get(0).get("type").asText());
    assertEquals("completed", whole.get("status").asText());
  }

  @Test
  void aStringInputWithoutStreamGetsTheWholeResponse() {
    String raw = raw(target, PATH, OPENAI_AUTH, "{\"model\":\"test-model\",\"input\":\"hi\",\"max_output_tokens\":6}");
    assertTrue(raw.startsWith("HTTP/1.1 200"), raw);
    JsonNode body = ApiTestSupport.body(raw);
    assertEquals("response", body.get("object").asText());
    JsonNode message = body.get("output").get(0);
    assertEquals("message", message.get("type").asText());
    String text = message.get("content").get(0).get("text").asText();
    assertEquals(text.split(" ").length - 1, body.get("usage").get("output_tokens").asInt());
  }

  @Test
  void badRequestsAndAuthAreRefusedInOpenAisShape() {
    String noInput = raw(target, PATH, OPENAI_AUTH, "{\"model\":\"test-model\"}");
    assertEquals("HTTP/1.1 400 Bad Request", ApiTestSupport.status(noInput));
    assertEquals("invalid_request_error", ApiTestSupport.body(noInput).get("error").get("type").asText());
    String noKey = raw(target, PATH, Map.of(), body("test-model", true, ""));
    assertEquals("HTTP/1.1 401 Unauthorized", ApiTestSupport.status(noKey));
    assertEquals("missing or invalid API key", ApiTestSupport.body(noKey).get("error").get("message").asText());
  }

  @Test
  void faultsHitTheResponsesApiAsTheyHitChatCompletions() {
    target.setFaults(ApiTestSupport.errorRate(1));
    String failed = raw(target, PATH, OPENAI_AUTH, body("test-model", true, ""));
    assertEquals("HTTP/1.1 500 Internal Server Error", ApiTestSupport.status(failed));

    target.setFaults(ApiTestSupport.streamFaults(1, 0));
    String dropped = raw(target, PATH, OPENAI_AUTH, body(ApiTestSupport.THINK, true, ""));
    assertTrue(dropped.contains("response.reasoning_text.delta"), dropped);
    assertFalse(dropped.contains("response.completed") || dropped.contains("response.incomplete"), dropped);
    assertFalse(dropped.endsWith("0\r\n\r\n"), "chunked terminator after a drop: " + dropped);

    target.setFaults(ApiTestSupport.streamFaults(0, 1));
    String truncated = raw(target, PATH, OPENAI_AUTH, body("test-model", true, ""));
    assertTrue(truncated.endsWith("\r\n0\r\n\r\n"), truncated);
    assertTrue(truncated.contains("response.output_text.delta"), truncated);
    assertFalse(truncated.contains("response.completed") || truncated.contains("response.incomplete"), truncated);
  }

  @Test
  void aFullPoolAnswers429WithRetryAfterAndShutdownFailsTheStream() throws IOException {
    EmbeddedTarget small = EmbeddedTarget.start(TargetTestSupport.fast().withSlots(1, 0));
    try {
      String longStream = "{\"model\":\"m\",\"input\":\"hi\",\"max_output_tokens\":2000,\"stream\":true}";
      List<String> refused = new ArrayList<>();
      ApiTestSupport.withTheOnlySlotTaken(small, PATH, OPENAI_AUTH, longStream,
          () -> refused.add(raw(small, PATH, OPENAI_AUTH, longStream)));
      assertEquals("HTTP/1.1 429 Too Many Requests", ApiTestSupport.status(refused.get(0)));
      assertTrue(refused.get(0).contains("retry-after: 2"), refused.get(0));
      assertEquals("rate_limit_error", ApiTestSupport.body(refused.get(0)).get("error").get("type").asText());

      TargetTestSupport.await("the slot free", TargetTestSupport.TIMEOUT, () -> small.stats().activeStreams() == 0);
      try (Socket socket = ApiTestSupport.open(small, PATH, OPENAI_AUTH, longStream, true)) {
        TargetTestSupport.await("the stream", TargetTestSupport.TIMEOUT, () -> small.stats().activeStreams() == 1);
        small.close();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        socket.getInputStream().transferTo(all);
        List<ApiTestSupport.Sse> events = events(ApiTestSupport.dechunked(all.toString(StandardCharsets.UTF_8)));
        JsonNode failed = events.get(events.size() - 1).json();
        assertEquals("response.failed", failed.get("type").asText());
        assertEquals("failed", failed.get("response").get("status").asText());
        assertEquals("server_error", failed.get("response").get("error").get("code").asText());
      }
    } finally {
      small.close();
    }
  }
}
