package llmperf.server;

import static llmperf.server.TargetTestSupport.chatCompletion;
import static llmperf.server.TargetTestSupport.request;
import static llmperf.server.TargetTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  @Test
  void listensOnLoopbackWithNamedThreadsAndReleasesThePortOnClose() throws IOException {
    EmbeddedTarget target = EmbeddedTarget.start(TargetTestSupport.fast());
    int port = target.port();
    assertTrue(port > 0);
    assertEquals("http://127.0.0.1:" + port, target.baseUrl());
    assertEquals("ws://127.0.0.1:" + port, target.wsUrl());
    HttpClient client = TargetTestSupport.client();
    assertEquals(200, send(client, request(target, "/api/v1/health").build()).statusCode());
    assertEquals(1, target.stats().requestsTotal());
    assertTrue(Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().startsWith("embedded-target-")), "no embedded-target-* thread");

    target.close();
    target.close();
    try (ServerSocket again = new ServerSocket(port)) {
      assertEquals(port, again.getLocalPort());
    }
  }

  @Test
  void bindingAFixedPortInUseFailsClearly() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      TargetSettings busy = TargetTestSupport.fast().withPort(taken.getLocalPort());
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> EmbeddedTarget.start(busy));
      assertTrue(e.getMessage().contains(String.valueOf(taken.getLocalPort())), e.getMessage());
    }
  }

  @Test
  void closeEndsRunningStreamsWithAnErrorEventAndReturnsQuickly() throws Exception {
    EmbeddedTarget target = EmbeddedTarget.start(TargetTestSupport.fast());
    HttpClient client = TargetTestSupport.client();
    CompletableFuture<TargetTestSupport.Streamed> running = CompletableFuture.supplyAsync(
        () -> TargetTestSupport.stream(client, chatCompletion(target, "{\"model\":\"m\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":4000,"
            + "\"stream\":true}")));
    TargetTestSupport.await("a running stream", Duration.ofSeconds(5),
        () -> target.stats().activeStreams() == 1);
    long start = System.nanoTime();
    target.close();
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4));
    TargetTestSupport.Streamed s = running.get(5, TimeUnit.SECONDS);
    String last = s.text().get(s.text().size() - 2);
    assertTrue(last.startsWith("data: {\"error\":{"), last);
    assertTrue(last.contains("shutting down"), last);
  }
}
