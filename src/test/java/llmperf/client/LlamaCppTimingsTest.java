package llmperf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import llmperf.metrics.ReplyMetrics;
import llmperf.metrics.ReplyRecorder;
import llmperf.metrics.StreamFormat;
import llmperf.metrics.StreamTally;
import llmperf.metrics.TimingsTally;
import llmperf.support.SchedulingNoise;
import org.junit.jupiter.api.Test;

/**
 * The truth join from a llama-server's own timings: a loopback server streams canned llama.cpp chunks at a known
 * pace, its last chunk carrying the timings it claims, and the suite's stream client holds each reply to them.
 */
class LlamaCppTimingsTest {

  private static final int TOKENS = 10;
  private static final long FIRST_TOKEN_MS = 60;
  private static final long TOKEN_MS = 20;
  /** What the canned server claims: a prompt time 20 ms under its real wait, its real per-token pace. */
  private static final double PROMPT_MS = 40;

  @Test
  void eachReplyIsHeldToTheTimingsItsServerSent() throws Exception {
    EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    HttpServer server = llamaServer();
    try (SchedulingNoise noise = SchedulingNoise.start()) {
      StreamTally tally = new StreamTally();
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions");
      for (int i = 0; i < 5; i++) {
        ReplyMetrics reply = stream(loops, uri).get(10, TimeUnit.SECONDS);
        assertNull(reply.failure());
        tally.add(reply, true);
      }
      tally.add(new ReplyMetrics(0, 1, 2, 3, 2, 2, -1, 0, new long[0], null, ReplyMetrics.Kinds.answerOnly(1), null),
          true);
      TimingsTally timings = tally.timings();
      assertEquals(6, timings.replies());
      assertEquals(5, timings.withTimings(), "the reply without timings is counted, not held");
      double lateness = noise.maxNanos() / 1e6;
      double slack = 10 + lateness;
      double ttftOver = timings.ttftMinusPrompt().p50();
      assertTrue(ttftOver >= FIRST_TOKEN_MS - PROMPT_MS - 1 && ttftOver < FIRST_TOKEN_MS - PROMPT_MS + slack,
          "TTFT minus prompt_ms: the 20 ms the server did not count, " + ttftOver);
      double itlOver = timings.itlMinusPerToken().p50();
      assertTrue(Math.abs(itlOver) < 2 + lateness,
          "ITL minus predicted_per_token_ms near 0: the client reads the server's pace, " + itlOver);
      assertEquals(PROMPT_MS, timings.serverPrompt().p95(), 1e-9);
    } finally {
      server.stop(0);
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  private static CompletableFuture<ReplyMetrics> stream(EventLoopGroup loops, URI uri) {
    CompletableFuture<ReplyMetrics> result = new CompletableFuture<>();
    StreamClient client = new StreamClient(NioSocketChannel::new, new StreamClient.Timeouts(Duration.ofSeconds(2),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(3)));
    byte[] body = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
        .getBytes(StandardCharsets.UTF_8);
    loops.next().execute(() -> client.send(loops.next(), new Connections(Duration.ZERO),
        new StreamClient.Request(HttpMethod.POST, uri, new DefaultHttpHeaders().set("content-type",
            "application/json"), body), new StreamClient.Listener() {
          private ReplyRecorder recorder;

          @Override
          public void sent(long at) {
            recorder = new ReplyRecorder(StreamFormat.OPENAI_SSE, at);
          }

          @Override
          public void head(long at, int status) {
          }

          @Override
          public boolean event(long at, String name, String data) {
            return recorder.event(at, name, data);
          }

          @Override
          public void ended(long at, String failure) {
            result.complete(recorder.finish(at, failure));
          }
        }));
    return result;
  }

  /** Streams TOKENS content chunks, the first after FIRST_TOKEN_MS, then one every TOKEN_MS, as llama-server does. */
  private static HttpServer llamaServer() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        long start = System.nanoTime();
        send(out, "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}],"
            + "\"object\":\"chat.completion.chunk\"}");
        for (int i = 0; i < TOKENS; i++) {
          LockSupport.parkNanos(start + (FIRST_TOKEN_MS + i * TOKEN_MS) * 1_000_000 - System.nanoTime());
          send(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" w" + i + "\"}}],"
              + "\"object\":\"chat.completion.chunk\"}");
        }
        send(out, "{\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,\"delta\":{}}],"
            + "\"object\":\"chat.completion.chunk\",\"timings\":{\"cache_n\":0,\"prompt_n\":9,\"prompt_ms\":"
            + PROMPT_MS + ",\"prompt_per_token_ms\":4.4,\"prompt_per_second\":225,\"predicted_n\":" + TOKENS
            + ",\"predicted_ms\":" + TOKENS * TOKEN_MS + ",\"predicted_per_token_ms\":" + TOKEN_MS
            + ",\"predicted_per_second\":50}}");
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
      }
      exchange.close();
    });
    server.start();
    return server;
  }

  private static void send(OutputStream out, String json) throws IOException {
    out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
