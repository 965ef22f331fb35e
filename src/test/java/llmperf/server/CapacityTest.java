package llmperf.server;

import static llmperf.server.TargetTestSupport.chatCompletion;
import static llmperf.server.TargetTestSupport.errorMessage;
import static llmperf.server.TargetTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GPU-like pool: 2 slots and a queue of 1, with generations long enough to overlap. */
class CapacityTest {

  /** 60 tokens at 10 ms: each generation holds its slot for about 600 ms. */
  private static final String LONG_STREAM = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
      + "\"content\":\"go\"}],\"max_tokens\":60,\"stream\":true}";

  private EmbeddedTarget target;
  private HttpClient client;
  private ExecutorService executor;

  @BeforeEach
  void start() {
    TargetSettings base = TargetTestSupport.fast();
    target = EmbeddedTarget.start(new TargetSettings(base.host(), 0, base.seed(), base.apiKey(),
        base.userPassword(), base.model(), base.maxBodyBytes(), base.restMedian(), base.restP95(),
        base.mlMedian(), base.mlP95(), 2, 1, Duration.ofMillis(1500), Duration.ofMillis(5),
        Duration.ZERO, Duration.ofMillis(10), 0.0, 16, 1.0, base.voiceFirstByte(),
        base.voiceBytesPerSecond(), base.voiceBytesPerChar(), Faults.none()));
    client = TargetTestSupport.client();
    executor = Executors.newFixedThreadPool(4);
  }

  @AfterEach
  void stop() {
    executor.shutdownNow();
    target.close();
  }

  private CompletableFuture<TargetTestSupport.Streamed> streamAsync() {
    return CompletableFuture.supplyAsync(
        () -> TargetTestSupport.stream(client, chatCompletion(target, LONG_STREAM)), executor);
  }

  @Test
  void thirdStreamQueuesBehindTheSlotsAndFourthIsRejected() throws Exception {
    CompletableFuture<TargetTestSupport.Streamed> first = streamAsync();
    CompletableFuture<TargetTestSupport.Streamed> second = streamAsync();
    TargetTestSupport.await("two active streams", Duration.ofSeconds(5),
        () -> target.stats().activeStreams() == 2);
    CompletableFuture<TargetTestSupport.Streamed> third = streamAsync();
    TargetTestSupport.await("one queued stream", Duration.ofSeconds(5),
        () -> target.stats().queueDepth() == 1);

    HttpResponse<String> fourth = send(client, chatCompletion(target, LONG_STREAM));
    errorMessage(fourth, 429);
    assertEquals("2", fourth.headers().firstValue("retry-after").orElseThrow());
    String jwt = TargetTestSupport.login(client, target);
    try (WsTestClient ws = WsTestClient.connect(client,
        URI.create(target.wsUrl() + "/ws?token=" + jwt), null)) {
      ws.send("{\"type\":\"chat\",\"request_id\":\"w\",\"content\":\"hi\"}");
      JsonNode error = TargetTestSupport.parse(ws.next());
      assertEquals(429, error.get("code").asInt(), error.toString());
      assertEquals(2, error.get("retry_after").asInt());
    }

    TargetTestSupport.Streamed s1 = first.get(10, TimeUnit.SECONDS);
    TargetTestSupport.Streamed s3 = third.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);
    assertEquals(200, s3.status());
    // The queued stream's headers came at once, its prefill is short, but its first token waited for a
    // slot: roughly the rest of a 600 ms generation.
    assertEquals("5.0", s3.headers().firstValue("x-llmperf-prefill-ms").orElseThrow());
    assertTrue(s1.firstTokenMillis() < 250, "first TTFT " + s1.firstTokenMillis());
    assertTrue(s3.firstTokenMillis() > 300, "queued TTFT " + s3.firstTokenMillis());
    assertEquals("data: [DONE]", s3.text().get(s3.text().size() - 2));

    TargetStats stats = target.stats();
    assertEquals(0, stats.activeStreams());
    assertEquals(0, stats.queueDepth());
    assertEquals(2, stats.rejectedTotal());
    assertEquals(3, stats.completedStreams());
  }

  /** Opens a streaming request on a raw socket and returns once its headers have arrived. */
  private Socket openRawStream() throws IOException {
    Socket socket = new Socket("127.0.0.1", target.port());
    socket.setSoTimeout(5000);
    byte[] body = LONG_STREAM.getBytes(StandardCharsets.UTF_8);
    OutputStream out = socket.getOutputStream();
    out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
        + TargetTestSupport.API_KEY + "\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (head.indexOf("\r\n\r\n") < 0) {
      int b = in.read();
      assertTrue(b >= 0, "closed before headers");
      head.append((char) b);
    }
    assertTrue(head.toString().startsWith("HTTP/1.1 200"), head.toString());
    return socket;
  }

  @Test
  void disconnectingClientsFreeTheirSlotAndQueuePlace() throws IOException {
    Socket a = openRawStream();
    Socket b = openRawStream();
    Socket queued = openRawStream();
    TargetTestSupport.await("full pool", Duration.ofSeconds(2),
        () -> target.stats().activeStreams() == 2 && target.stats().queueDepth() == 1);

    queued.close();
    TargetTestSupport.await("queue place freed", Duration.ofSeconds(1),
        () -> target.stats().queueDepth() == 0);
    a.close();
    b.close();
    TargetTestSupport.await("slots freed", Duration.ofSeconds(1),
        () -> target.stats().activeStreams() == 0);
    assertEquals(0, target.stats().completedStreams());

    // The freed slots serve new work at once.
    TargetTestSupport.Streamed next = TargetTestSupport.stream(client, chatCompletion(target,
        LONG_STREAM.replace("60", "3")));
    assertTrue(next.firstTokenMillis() < 250, "TTFT " + next.firstTokenMillis());
  }
}
