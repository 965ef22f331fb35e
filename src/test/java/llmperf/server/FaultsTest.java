package llmperf.server;

import static llmperf.server.TargetTestSupport.authorized;
import static llmperf.server.TargetTestSupport.chatCompletion;
import static llmperf.server.TargetTestSupport.errorMessage;
import static llmperf.server.TargetTestSupport.json;
import static llmperf.server.TargetTestSupport.parse;
import static llmperf.server.TargetTestSupport.request;
import static llmperf.server.TargetTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {

  private static final String STREAM = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
      + "\"content\":\"hello\"}],\"max_tokens\":16,\"stream\":true}";

  private static EmbeddedTarget target;
  private static HttpClient client;
  private static String jwt;

  @BeforeAll
  static void start() {
    target = EmbeddedTarget.start(TargetTestSupport.fast());
    client = TargetTestSupport.client();
    jwt = TargetTestSupport.login(client, target);
  }

  @BeforeEach
  void clearFaults() {
    target.setFaults(Faults.none());
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  private static Faults faults(double errorRate, double multiplier, long ttftExtraMs, double stallRate,
      long stallMs, double dropRate, double truncateRate) {
    return new Faults(errorRate, multiplier, Duration.ofMillis(ttftExtraMs), stallRate,
        Duration.ofMillis(stallMs), dropRate, truncateRate);
  }

  @Test
  void errorRateFailsEveryRouteButHealthLoginAndAdmin() throws Exception {
    target.setFaults(faults(1, 1, 0, 0, 0, 0, 0));
    errorMessage(send(client, authorized(target, "/api/v1/agents", jwt).build()), 500);
    HttpResponse<String> stream = send(client, chatCompletion(target, STREAM));
    errorMessage(stream, 500);
    assertEquals("application/json", stream.headers().firstValue("content-type").orElseThrow());
    errorMessage(send(client, request(target, "/v1/text-to-speech/v1")
        .header("xi-api-key", TargetTestSupport.API_KEY).POST(json("{\"text\":\"hi\"}")).build()), 500);

    assertEquals(200, send(client, request(target, "/api/v1/health").build()).statusCode());
    TargetTestSupport.login(client, target);
    assertEquals(200, send(client, request(target, "/admin/faults").build()).statusCode());

    try (WsTestClient ws = WsTestClient.connect(client,
        URI.create(target.wsUrl() + "/ws?token=" + jwt), null)) {
      ws.send("{\"type\":\"chat\",\"request_id\":\"e\",\"content\":\"hi\"}");
      JsonNode error = parse(ws.next());
      assertEquals("error", error.get("type").asText());
      assertEquals(500, error.get("code").asInt());
    }
  }

  /** Faults inside a window from the target's first request: healthy before it, faulty in it, healthy after. */
  @Test
  void faultsApplyOnlyInsideTheirWindow() throws Exception {
    try (EmbeddedTarget fresh = EmbeddedTarget.start(TargetTestSupport.fast())) {
      fresh.setFaults(new Faults(1, 1, Duration.ZERO, 0, Duration.ZERO, 0, 0, FaultWindow.parse("600ms..1400ms")));
      long first = System.nanoTime();
      assertEquals(200, models(fresh), "before the window");
      sleepUntil(first, 900);
      assertEquals(500, models(fresh), "inside the window");
      sleepUntil(first, 1700);
      assertEquals(200, models(fresh), "after the window");
    }
  }

  /** A slow drift: the multiplier grows by its rate each minute since the first request, the same in every run. */
  @Test
  void theLatencyGrowsByItsRatePerMinute() {
    Faults growing = new Faults(0, 2, Duration.ZERO, 0, Duration.ZERO, 0, 0, FaultWindow.ALWAYS, 0.5);
    assertEquals(2.0, growing.after(0).latencyMultiplier(), 1e-9);
    assertEquals(3.0, growing.after(1).latencyMultiplier(), 1e-9);
    assertEquals(2.5, growing.after(0.5).latencyMultiplier(), 1e-9);
    Faults steady = faults(0, 2, 0, 0, 0, 0, 0);
    assertEquals(steady, steady.after(10), "no growth, no change");
  }

  @Test
  void aWindowThatIsNotOneIsRefusedWithWhatIsAllowed() {
    for (String bad : List.of("10s", "20s..10s", "soon..later")) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> FaultWindow.parse(bad));
      assertEquals(FaultWindow.ALLOWED, refused.getMessage(), bad);
    }
    assertTrue(FaultWindow.parse("").always());
  }

  private static int models(EmbeddedTarget on) {
    return send(client, request(on, "/v1/models").header("Authorization", "Bearer " + TargetTestSupport.API_KEY)
        .build()).statusCode();
  }

  private static void sleepUntil(long originNanos, long millis) throws InterruptedException {
    long left = originNanos + millis * 1_000_000 - System.nanoTime();
    if (left > 0) {
      Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    }
  }

  @Test
  void ttftExtraDelaysTheFirstToken() {
    target.setFaults(faults(0, 1, 300, 0, 0, 0, 0));
    TargetTestSupport.Streamed s = TargetTestSupport.stream(client, chatCompletion(target, STREAM));
    assertEquals(305.0, Double.parseDouble(s.headers().firstValue("x-llmperf-prefill-ms").orElseThrow()));
    assertTrue(s.firstTokenMillisFromSend() >= 300, "TTFT " + s.firstTokenMillisFromSend());
    assertEquals("data: [DONE]", s.text().get(s.text().size() - 2));
  }

  @Test
  void stallPausesOnceMidStream() {
    target.setFaults(faults(0, 1, 0, 1, 300, 0, 0));
    TargetTestSupport.Streamed s = TargetTestSupport.stream(client, chatCompletion(target, STREAM));
    List<TargetTestSupport.TimedLine> tokens = s.lines().stream()
        .filter(l -> l.line().contains("\"content\":\" ")).toList();
    long longestGap = 0;
    int at = -1;
    for (int i = 1; i < tokens.size(); i++) {
      long gap = tokens.get(i).nanos() - tokens.get(i - 1).nanos();
      if (gap > longestGap) {
        longestGap = gap;
        at = i;
      }
    }
    assertTrue(longestGap >= 280_000_000L, "longest gap " + longestGap / 1e6 + " ms");
    assertEquals(tokens.size() / 2, at);
    assertEquals("data: [DONE]", s.text().get(s.text().size() - 2));
  }

  /** Sends a streaming request on a raw socket and returns every byte until the server closes. */
  private static String rawUntilClosed(String body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", target.port())) {
      socket.setSoTimeout(5000);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
          + "Authorization: Bearer " + TargetTestSupport.API_KEY + "\r\nContent-Length: " + bytes.length
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return all.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void dropCutsTheConnectionMidStream() throws IOException {
    target.setFaults(faults(0, 1, 0, 0, 0, 1, 0));
    String raw = rawUntilClosed(STREAM);
    assertTrue(raw.startsWith("HTTP/1.1 200"), raw);
    assertTrue(raw.contains("\"content\":\" "), raw);
    assertFalse(raw.contains("[DONE]"), raw);
    assertFalse(raw.contains("finish_reason\":\""), raw);
    assertFalse(raw.endsWith("0\r\n\r\n"), "chunked terminator after a drop: " + raw);
    // The JDK client sees the premature end as an I/O error.
    try {
      client.send(chatCompletion(target, STREAM), HttpResponse.BodyHandlers.ofString());
      throw new AssertionError("a dropped stream read to a clean end");
    } catch (IOException expected) {
      // the point of the fault
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void truncateEndsCleanlyWithoutTheTerminalEvent() throws Exception {
    target.setFaults(faults(0, 1, 0, 0, 0, 0, 1));
    String raw = rawUntilClosed(STREAM);
    assertTrue(raw.endsWith("\r\n0\r\n\r\n"), "no chunked terminator: " + raw);
    assertTrue(raw.contains("\"content\":\" "), raw);
    assertFalse(raw.contains("[DONE]"), raw);

    HttpResponse<String> resp = send(client, chatCompletion(target, STREAM));
    assertEquals(200, resp.statusCode());
    assertFalse(resp.body().contains("[DONE]"));

    try (WsTestClient ws = WsTestClient.connect(client,
        URI.create(target.wsUrl() + "/ws?token=" + jwt), null)) {
      ws.send("{\"type\":\"chat\",\"request_id\":\"t\",\"content\":\"hi\"}");
      String message;
      int tokens = 0;
      while (!(message = ws.next()).startsWith(WsTestClient.CLOSED)) {
        assertFalse(message.contains("\"done\""), message);
        tokens += message.contains("\"token\"") ? 1 : 0;
      }
      assertEquals(WsTestClient.CLOSED + "1000>", message);
      assertTrue(tokens > 0);
    }
  }

  @Test
  void latencyMultiplierScalesServiceAndPrefillTimes() {
    String path = "/api/v1/health";
    double normal = serviceMillis(path);
    target.setFaults(faults(0, 10, 0, 0, 0, 0, 0));
    double slowed = serviceMillis(path);
    assertTrue(slowed > 3 * normal || slowed > 5, normal + " vs " + slowed);
    TargetTestSupport.Streamed s = TargetTestSupport.stream(client, chatCompletion(target, STREAM));
    assertEquals(50.0, Double.parseDouble(s.headers().firstValue("x-llmperf-prefill-ms").orElseThrow()));
    assertTrue(s.firstTokenMillisFromSend() >= 50, "TTFT " + s.firstTokenMillisFromSend());
  }

  private static double serviceMillis(String path) {
    HttpResponse<String> resp = send(client, request(target, path).build());
    return Double.parseDouble(resp.headers().firstValue("x-llmperf-service-ms").orElseThrow());
  }

  @Test
  void adminRouteReadsAndChangesFaultsAtRunTime() {
    JsonNode initial = parse(send(client, request(target, "/admin/faults").build()).body());
    assertEquals(0.0, initial.get("error_rate").asDouble());
    assertEquals(1.0, initial.get("latency_multiplier").asDouble());
    assertEquals(1000.0, initial.get("stall_ms").asDouble());
    for (String field : new String[] {"ttft_extra_ms", "stall_rate", "drop_rate", "truncate_rate"}) {
      assertTrue(initial.has(field), field);
    }

    HttpResponse<String> put = send(client, request(target, "/admin/faults")
        .PUT(json("{\"error_rate\":0.25,\"ttft_extra_ms\":120,\"stall_ms\":7.5}")).build());
    assertEquals(200, put.statusCode(), put.body());
    JsonNode updated = parse(put.body());
    assertEquals(0.25, updated.get("error_rate").asDouble());
    assertEquals(120.0, updated.get("ttft_extra_ms").asDouble());
    assertEquals(1.0, updated.get("latency_multiplier").asDouble());
    assertEquals(Duration.ofMillis(120), target.faults().ttftExtra());
    assertEquals(Duration.ofNanos(7_500_000), target.faults().stallDuration());
    assertEquals(0.25, parse(send(client, request(target, "/admin/faults").build()).body())
        .get("error_rate").asDouble());

    String[][] bad = {
      {"{\"error_rate\":1.5}", "error_rate"},
      {"{\"drop_rate\":-0.1}", "drop_rate"},
      {"{\"latency_multiplier\":-1}", "latency_multiplier"},
      {"{\"stall_ms\":-5}", "stall_ms"},
      {"{\"truncate_rate\":\"half\"}", "truncate_rate"},
      {"{\"stall_rate\":0.5,\"bogus\":1}", "bogus"},
    };
    for (String[] c : bad) {
      String message = errorMessage(send(client, request(target, "/admin/faults")
          .PUT(json(c[0])).build()), 400);
      assertTrue(message.contains(c[1]), message);
    }
    errorMessage(send(client, request(target, "/admin/faults").PUT(json("{")).build()), 400);
    // Rejected updates change nothing.
    assertEquals(0.0, target.faults().stallRate());
    assertEquals(0.25, target.faults().errorRate());
  }
}
