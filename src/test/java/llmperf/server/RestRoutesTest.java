package llmperf.server;

import static llmperf.server.TargetTestSupport.API_KEY;
import static llmperf.server.TargetTestSupport.authorized;
import static llmperf.server.TargetTestSupport.errorMessage;
import static llmperf.server.TargetTestSupport.json;
import static llmperf.server.TargetTestSupport.parse;
import static llmperf.server.TargetTestSupport.request;
import static llmperf.server.TargetTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RestRoutesTest {

  private static EmbeddedTarget target;
  private static HttpClient client;
  private static String jwt;

  @BeforeAll
  static void start() {
    target = EmbeddedTarget.start(TargetTestSupport.fast().withMaxBodyBytes(4096));
    client = TargetTestSupport.client();
    jwt = TargetTestSupport.login(client, target);
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  private static HttpResponse<String> get(String path) {
    return send(client, authorized(target, path, jwt).build());
  }

  private static HttpResponse<String> post(String path, String body) {
    return send(client, authorized(target, path, jwt)
        .POST(json(body)).build());
  }

  private static HttpResponse<String> postWithKey(String path, String body) {
    return send(client, authorized(target, path, API_KEY)
        .POST(json(body)).build());
  }

  @Test
  void healthAnswersWithoutAuthAfterAServiceTime() {
    HttpResponse<String> resp = send(client, request(target, "/api/v1/health").build());
    assertEquals(200, resp.statusCode());
    assertEquals("application/json", resp.headers().firstValue("content-type").orElseThrow());
    assertEquals(String.valueOf(resp.body().length()),
        resp.headers().firstValue("content-length").orElseThrow());
    assertTrue(Double.parseDouble(resp.headers().firstValue("x-llmperf-service-ms").orElseThrow()) > 0);
    JsonNode body = parse(resp.body());
    assertEquals("ok", body.get("status").asText());
    assertTrue(body.get("uptime_ms").isIntegralNumber());
  }

  @Test
  void loginIssuesAnHs256TokenAndRefusesBadCredentials() {
    HttpResponse<String> ok = send(client, request(target, "/api/v1/auth/login")
        .POST(json("{\"username\":\"bob\",\"password\":\"pw\"}")).build());
    assertEquals(200, ok.statusCode());
    JsonNode body = parse(ok.body());
    assertEquals("bearer", body.get("token_type").asText());
    assertEquals(3600, body.get("expires_in").asInt());
    String[] parts = body.get("access_token").asText().split("\\.");
    assertEquals(3, parts.length);
    JsonNode claims = parse(new String(Base64.getUrlDecoder().decode(parts[1]),
        StandardCharsets.UTF_8));
    assertEquals("bob", claims.get("sub").asText());
    assertEquals(3600, claims.get("exp").asLong() - claims.get("iat").asLong());

    errorMessage(send(client, request(target, "/api/v1/auth/login")
        .POST(json("{\"username\":\"bob\",\"password\":\"nope\"}")).build()), 401);
    errorMessage(send(client, request(target, "/api/v1/auth/login")
        .POST(json("{\"username\":\"\",\"password\":\"pw\"}")).build()), 401);
  }

  @Test
  void platformRoutesNeedAValidJwt() {
    errorMessage(send(client, request(target, "/api/v1/agents").build()), 401);
    errorMessage(send(client, request(target, "/api/v1/agents")
        .header("Authorization", "Bearer not.a.jwt").build()), 401);
    String tampered = jwt.substring(0, jwt.length() - 2) + (jwt.endsWith("AA") ? "BB" : "AA");
    errorMessage(send(client, authorized(target, "/api/v1/agents", tampered).build()), 401);
    // The API key is not a JWT.
    errorMessage(send(client, authorized(target, "/api/v1/agents", API_KEY).build()), 401);
  }

  @Test
  void v1RoutesNeedTheApiKeyAsBearerOrXiApiKey() {
    errorMessage(send(client, request(target, "/v1/models").build()), 401);
    errorMessage(send(client, request(target, "/v1/models")
        .header("Authorization", "Bearer wrong").build()), 401);
    assertEquals(200, send(client, request(target, "/v1/models")
        .header("xi-api-key", API_KEY).build()).statusCode());
    HttpResponse<String> resp = send(client, authorized(target, "/v1/models", API_KEY).build());
    assertEquals(200, resp.statusCode());
    JsonNode body = parse(resp.body());
    assertEquals("list", body.get("object").asText());
    JsonNode model = body.get("data").get(0);
    assertEquals("test-model", model.get("id").asText());
    assertEquals("model", model.get("object").asText());
    assertEquals("llmperf", model.get("owned_by").asText());
    assertTrue(model.get("created").isIntegralNumber());
  }

  @Test
  void agentsAndChannelsAreListed() {
    JsonNode agents = parse(get("/api/v1/agents").body()).get("agents");
    assertEquals(5, agents.size());
    assertEquals("agent-1", agents.get(0).get("id").asText());
    assertEquals("test-model", agents.get(0).get("model").asText());
    assertTrue(agents.get(0).has("name") && agents.get(0).has("description"));
    JsonNode channels = parse(get("/api/v1/channels").body()).get("channels");
    assertEquals(20, channels.size());
    assertEquals("ch-1", channels.get(0).get("id").asText());
    assertTrue(channels.get(19).get("agent_id").asText().startsWith("agent-"));
  }

  @Test
  void messagesArePostedAndPagedNewestFirst() {
    for (int i = 1; i <= 3; i++) {
      HttpResponse<String> resp = post("/api/v1/channels/ch-7/messages",
          "{\"content\":\"hello " + i + "\",\"agent_id\":\"agent-2\",\"max_tokens\":8}");
      assertEquals(202, resp.statusCode(), resp.body());
      JsonNode body = parse(resp.body());
      assertTrue(body.get("id").asText().startsWith("msg-"));
      assertTrue(body.get("reply_id").asText().startsWith("rep-"));
      assertEquals("ch-7", body.get("channel_id").asText());
      assertEquals("queued", body.get("status").asText());
    }
    JsonNode first = parse(get("/api/v1/channels/ch-7/messages?limit=2").body());
    assertEquals(2, first.get("messages").size());
    assertEquals("hello 3", first.get("messages").get(0).get("content").asText());
    assertEquals("user", first.get("messages").get(0).get("role").asText());
    assertTrue(first.get("messages").get(0).has("created_at"));
    assertTrue(first.get("has_more").asBoolean());
    String before = first.get("next_before").asText();
    JsonNode second = parse(get("/api/v1/channels/ch-7/messages?limit=2&before=" + before).body());
    assertEquals(1, second.get("messages").size());
    assertEquals("hello 1", second.get("messages").get(0).get("content").asText());
    assertFalse(second.get("has_more").asBoolean());
    assertTrue(second.get("next_before").isNull());
    assertEquals(3, parse(get("/api/v1/channels/ch-7/messages").body()).get("messages").size());

    errorMessage(get("/api/v1/channels/ch-7/messages?limit=0"), 400);
    errorMessage(get("/api/v1/channels/ch-7/messages?limit=101"), 400);
    errorMessage(get("/api/v1/channels/ch-7/messages?limit=x"), 400);
    errorMessage(get("/api/v1/channels/ch-7/messages?before=zzz"), 400);
    errorMessage(get("/api/v1/channels/nope/messages"), 404);
    errorMessage(post("/api/v1/channels/nope/messages", "{\"content\":\"hi\"}"), 404);
    errorMessage(post("/api/v1/channels/ch-7/messages", "{\"content\":\"\"}"), 400);
    errorMessage(post("/api/v1/channels/ch-7/messages", "{}"), 400);
    errorMessage(post("/api/v1/channels/ch-7/messages", "{\"content\":\"x\",\"max_tokens\":0}"), 400);
    errorMessage(get("/api/v1/channels/ch-7/messages/rep-999999/stream"), 404);
  }

  @Test
  void enhanceClassifiesAndRewritesThePrompt() {
    HttpResponse<String> resp = post("/api/v1/enhance", "{\"prompt\":\"Write a function to sort a list\"}");
    assertEquals(200, resp.statusCode(), resp.body());
    JsonNode body = parse(resp.body());
    assertEquals("Write a function to sort a list", body.get("original_prompt").asText());
    assertEquals("code_generation", body.get("intent").get("label").asText());
    assertTrue(body.get("intent").get("confidence").asDouble() > 0);
    assertTrue(body.get("techniques").size() > 0);
    assertTrue(body.get("enhanced_prompt").asText().contains("sort a list"));
    assertTrue(body.get("processing_ms").isIntegralNumber());
    errorMessage(post("/api/v1/enhance", "{\"prompt\":\"\"}"), 400);
  }

  @Test
  void personalityScoresTheFiveTraits() {
    String request = "{\"text\":\"I love hiking and meeting people.\"}";
    HttpResponse<String> resp = postWithKey("/v1/personality", request);
    assertEquals(200, resp.statusCode(), resp.body());
    JsonNode body = parse(resp.body());
    for (String trait : new String[] {"openness", "conscientiousness", "extraversion", "agreeableness",
        "neuroticism"}) {
      double v = body.get("traits").get(trait).asDouble(-1);
      assertTrue(v >= 0 && v <= 1, trait);
    }
    assertTrue(body.get("archetype").isTextual());
    assertTrue(body.get("confidence").asDouble() > 0);
    assertEquals(resp.body(), postWithKey("/v1/personality", request).body());
    errorMessage(postWithKey("/v1/personality", "{\"text\":\"\"}"), 400);
  }

  @Test
  void webvttHasOneCuePerSentence() {
    HttpResponse<String> resp = postWithKey("/v1/webvtt",
        "{\"text\":\"Once upon a time. There was a fox! Was it clever?\",\"audio_duration_ms\":6000}");
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals("text/vtt; charset=utf-8", resp.headers().firstValue("content-type").orElseThrow());
    String vtt = resp.body();
    assertTrue(vtt.startsWith("WEBVTT\n\n"), vtt);
    assertEquals(3, vtt.split("-->", -1).length - 1, vtt);
    assertTrue(vtt.contains("00:00:00.000 --> "), vtt);
    assertTrue(vtt.contains(" --> 00:00:06.000\nWas it clever?"), vtt);
    errorMessage(postWithKey("/v1/webvtt", "{\"text\":\"  \"}"), 400);
  }

  @Test
  void apiKeysAreStoredMaskedPerUser() {
    HttpResponse<String> created = post("/api/v1/api-keys",
        "{\"provider\":\"openai\",\"key\":\"sk-abcdefghijklmnopqrstuvwxyz1234\",\"name\":\"main\"}");
    assertEquals(201, created.statusCode(), created.body());
    assertFalse(created.body().contains("abcdefghijklmnopqrstuvwxyz"));
    JsonNode key = parse(created.body());
    assertEquals("sk-...1234", key.get("masked_key").asText());
    assertEquals("openai", key.get("provider").asText());
    assertEquals("main", key.get("name").asText());
    assertTrue(key.has("created_at"));
    String id = key.get("id").asText();
    String badId = parse(post("/api/v1/api-keys", "{\"provider\":\"x\",\"key\":\"short\"}").body())
        .get("id").asText();

    JsonNode list = parse(get("/api/v1/api-keys").body()).get("api_keys");
    assertEquals(2, list.size());
    assertTrue(parse(post("/api/v1/api-keys/" + id + "/validate", "").body()).get("valid").asBoolean());
    assertFalse(parse(post("/api/v1/api-keys/" + badId + "/validate", "").body()).get("valid").asBoolean());

    String carol = TargetTestSupport.login(client, target, "carol");
    assertEquals(0, parse(send(client, authorized(target, "/api/v1/api-keys", carol).build()).body())
        .get("api_keys").size());
    errorMessage(send(client, authorized(target, "/api/v1/api-keys/" + id + "/validate", carol)
        .POST(json("")).build()), 404);
    HttpResponse<String> deleted =
        send(client, authorized(target, "/api/v1/api-keys/" + id, jwt).DELETE().build());
    assertEquals(204, deleted.statusCode());
    assertEquals("", deleted.body());
    errorMessage(send(client, authorized(target, "/api/v1/api-keys/" + id, jwt).DELETE().build()), 404);
    errorMessage(post("/api/v1/api-keys/" + id + "/validate", ""), 404);
    errorMessage(post("/api/v1/api-keys", "{\"provider\":\"openai\"}"), 400);
  }

  @Test
  void perfRoutesReportTheTargetsOwnCounters() {
    JsonNode stats = parse(get("/api/v1/llm/performance/stats").body());
    for (String field : new String[] {"requests_total", "active_streams", "queue_depth", "slots",
        "queue_capacity", "rejected_total", "completed_streams", "heap_used_bytes", "heap_max_bytes",
        "uptime_ms"}) {
      assertTrue(stats.get(field).isIntegralNumber(), field);
    }
    assertTrue(stats.get("requests_total").asLong() > 0);
    assertEquals(4, stats.get("slots").asInt());
    JsonNode health = parse(get("/api/v1/llm/performance/health").body());
    assertEquals("healthy", health.get("status").asText());
    assertEquals(0, health.get("queue_depth").asInt());
    JsonNode metrics = parse(get("/api/v1/llm/performance/metrics").body()).get("routes");
    assertTrue(metrics.get("GET /api/v1/llm/performance/stats").get("count").asLong() >= 1);
    assertTrue(metrics.has("POST /v1/chat/completions"));
    get("/api/v1/channels/none/messages");
    JsonNode after = parse(get("/api/v1/llm/performance/metrics").body()).get("routes");
    assertTrue(after.get("GET /api/v1/channels/{id}/messages").get("errors").asLong() >= 1);
  }

  @Test
  void textToSpeechReturnsMp3BytesSizedByTheText() {
    String text = "Hello there, how are you today?";
    HttpResponse<byte[]> whole = sendBytes(request(target, "/v1/text-to-speech/voice_1-A")
        .header("xi-api-key", API_KEY).POST(json("{\"text\":\"" + text + "\",\"model_id\":\"m\"}"))
        .build());
    assertEquals(200, whole.statusCode());
    assertEquals("audio/mpeg", whole.headers().firstValue("content-type").orElseThrow());
    assertEquals(text.length() * 10, whole.body().length);
    assertEquals((byte) 0xFF, whole.body()[0]);
    assertEquals((byte) 0xFB, whole.body()[1]);

    HttpResponse<byte[]> streamed = sendBytes(request(target, "/v1/text-to-speech/voice_1-A/stream")
        .header("xi-api-key", API_KEY).POST(json("{\"text\":\"" + text + "\"}")).build());
    assertEquals(200, streamed.statusCode());
    assertEquals("chunked", streamed.headers().firstValue("transfer-encoding").orElseThrow());
    assertArrayEquals(whole.body(), streamed.body());

    errorMessage(postWithKey("/v1/text-to-speech/voice_1/stream", "{\"text\":\"\"}"), 400);
    errorMessage(postWithKey("/v1/text-to-speech/bad.voice", "{\"text\":\"hi\"}"), 400);
  }

  private static HttpResponse<byte[]> sendBytes(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void badRequestsGetJsonErrors() {
    errorMessage(get("/api/v1/nothing-here"), 404);
    errorMessage(send(client, request(target, "/nowhere").build()), 404);
    HttpResponse<String> wrongMethod = send(client, request(target, "/api/v1/health")
        .DELETE().build());
    errorMessage(wrongMethod, 405);
    assertEquals("GET", wrongMethod.headers().firstValue("allow").orElseThrow());
    assertTrue(errorMessage(post("/api/v1/channels/ch-1/messages", "{\"content\":"), 400)
        .contains("malformed"));
    errorMessage(post("/api/v1/channels/ch-1/messages", "[1,2]"), 400);
    errorMessage(post("/api/v1/channels/ch-1/messages", "{\"content\":\"a\"} trailing"), 400);
    HttpResponse<String> tooBig = post("/api/v1/channels/ch-1/messages",
        "{\"content\":\"" + "x".repeat(8000) + "\"}");
    assertEquals(413, tooBig.statusCode());
  }

  @Test
  void keepAliveServesSeveralRequestsOnOneConnection() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", target.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (int i = 0; i < 3; i++) {
        out.write("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String response = readResponse(in);
        assertTrue(response.startsWith("HTTP/1.1 200 OK"), response);
        assertTrue(response.endsWith("}"), response);
      }
    }
  }

  /** Reads one response with a Content-Length body. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after: " + head);
      }
      head.write(b);
    }
    String headers = head.toString(StandardCharsets.US_ASCII);
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
