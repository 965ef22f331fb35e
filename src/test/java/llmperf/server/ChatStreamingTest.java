package llmperf.server;

import static llmperf.server.TargetTestSupport.authorized;
import static llmperf.server.TargetTestSupport.json;
import static llmperf.server.TargetTestSupport.parse;
import static llmperf.server.TargetTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChatStreamingTest {

  private static EmbeddedTarget target;
  private static HttpClient client;
  private static String jwt;

  @BeforeAll
  static void start() {
    target = EmbeddedTarget.start(TargetTestSupport.fast());
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

  @Test
  void postedMessageReplyStreamsAsSseAndJoinsTheHistory() {
    HttpResponse<String> posted = send(client, authorized(target, "/api/v1/channels/ch-2/messages", jwt)
        .POST(json("{\"content\":\"What is the weather like?\",\"max_tokens\":6}")).build());
    String replyId = parse(posted.body()).get("reply_id").asText();

    HttpResponse<String> resp = get("/api/v1/channels/ch-2/messages/" + replyId + "/stream");
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals("text/event-stream", resp.headers().firstValue("content-type").orElseThrow());
    assertEquals("no-cache", resp.headers().firstValue("cache-control").orElseThrow());
    assertTrue(resp.headers().firstValue("x-llmperf-prefill-ms").isPresent());
    String body = resp.body();
    assertTrue(body.endsWith("\n\n"));
    String[] events = body.substring(0, body.length() - 2).split("\n\n");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < events.length - 1; i++) {
      assertTrue(events[i].startsWith("event: token\ndata: "), events[i]);
      JsonNode token = parse(events[i].substring("event: token\ndata: ".length()));
      assertEquals(i, token.get("index").asInt());
      text.append(token.get("content").asText());
    }
    assertTrue(events.length - 1 >= 3 && events.length - 1 <= 6, body);
    String last = events[events.length - 1];
    assertTrue(last.startsWith("event: done\ndata: "), last);
    JsonNode done = parse(last.substring("event: done\ndata: ".length()));
    assertEquals(replyId, done.get("reply_id").asText());
    assertEquals(events.length - 1, done.get("usage").get("completion_tokens").asInt());
    assertEquals(7, done.get("usage").get("prompt_tokens").asInt());
    assertEquals(7 + events.length - 1, done.get("usage").get("total_tokens").asInt());

    JsonNode newest = parse(get("/api/v1/channels/ch-2/messages?limit=1").body())
        .get("messages").get(0);
    assertEquals("assistant", newest.get("role").asText());
    assertEquals(text.toString().trim(), newest.get("content").asText());
    // A reply streams once.
    assertEquals(404, get("/api/v1/channels/ch-2/messages/" + replyId + "/stream").statusCode());
  }

  @Test
  void replyOfAnotherChannelIsNotFound() {
    HttpResponse<String> posted = send(client,
        authorized(target, "/api/v1/channels/ch-3/messages", jwt).POST(json("{\"content\":\"hi\"}")).build());
    String replyId = parse(posted.body()).get("reply_id").asText();
    assertEquals(404, get("/api/v1/channels/ch-4/messages/" + replyId + "/stream").statusCode());
    assertEquals(200, get("/api/v1/channels/ch-3/messages/" + replyId + "/stream").statusCode());
  }

  private URI ws(String query) {
    return URI.create(target.wsUrl() + "/ws" + query);
  }

  @Test
  void webSocketChatAnswersTurnsWithStartTokensAndDone() throws Exception {
    try (WsTestClient ws = WsTestClient.connect(client, ws("?token=" + jwt), null)) {
      for (int turn = 1; turn <= 2; turn++) {
        ws.send("{\"type\":\"chat\",\"request_id\":\"r" + turn + "\",\"channel_id\":\"ch-5\","
            + "\"content\":\"Hello!\",\"max_tokens\":5}");
        JsonNode start = parse(ws.next());
        assertEquals("start", start.get("type").asText());
        assertEquals("r" + turn, start.get("request_id").asText());
        int tokens = 0;
        JsonNode frame;
        while ((frame = parse(ws.next())).get("type").asText().equals("token")) {
          assertEquals("r" + turn, frame.get("request_id").asText());
          assertEquals(tokens++, frame.get("index").asInt());
          assertTrue(frame.get("content").asText().startsWith(" "));
        }
        assertEquals("done", frame.get("type").asText(), frame.toString());
        assertEquals("r" + turn, frame.get("request_id").asText());
        assertEquals(tokens, frame.get("usage").get("completion_tokens").asInt());
        assertEquals(2, frame.get("usage").get("prompt_tokens").asInt());
      }
    }
  }

  @Test
  void webSocketRejectsBadFramesAndOverlappingTurns() throws Exception {
    try (WsTestClient ws = WsTestClient.connect(client, ws(""), "Bearer " + jwt)) {
      ws.send("not json");
      JsonNode error = parse(ws.next());
      assertEquals("error", error.get("type").asText());
      assertEquals(400, error.get("code").asInt());
      ws.send("{\"type\":\"chat\",\"request_id\":\"x\"}");
      error = parse(ws.next());
      assertEquals(400, error.get("code").asInt());
      assertEquals("x", error.get("request_id").asText());
      ws.send("{\"type\":\"chat\",\"request_id\":\"c\",\"channel_id\":\"nope\",\"content\":\"hi\"}");
      assertEquals(404, parse(ws.next()).get("code").asInt());

      ws.send("{\"type\":\"chat\",\"request_id\":\"a\",\"content\":\"long one\",\"max_tokens\":200}");
      ws.send("{\"type\":\"chat\",\"request_id\":\"b\",\"content\":\"too soon\"}");
      boolean conflict = false;
      String message;
      while (!(message = ws.next()).contains("\"done\"")) {
        JsonNode frame = parse(message);
        if (frame.get("type").asText().equals("error")) {
          assertEquals("b", frame.get("request_id").asText());
          assertEquals(409, frame.get("code").asInt());
          conflict = true;
        }
      }
      assertTrue(conflict);
    }
  }

  @Test
  void webSocketUpgradeNeedsAValidToken() {
    CompletionException refused = assertThrows(CompletionException.class,
        () -> WsTestClient.connect(client, ws("?token=bogus"), null));
    assertTrue(refused.getCause() instanceof WebSocketHandshakeException, refused.toString());
    assertEquals(401,
        ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
    assertThrows(CompletionException.class, () -> WsTestClient.connect(client, ws(""), null));
  }
}
