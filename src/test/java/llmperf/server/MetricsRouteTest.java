package llmperf.server;

import static llmperf.server.TargetTestSupport.chatCompletion;
import static llmperf.server.TargetTestSupport.errorMessage;
import static llmperf.server.TargetTestSupport.json;
import static llmperf.server.TargetTestSupport.request;
import static llmperf.server.TargetTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import llmperf.resources.PrometheusText;
import org.junit.jupiter.api.Test;

/** GET /metrics scraped over a real socket and read back with the suite's own Prometheus parser. */
class MetricsRouteTest {

  private static final String STREAM = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
      + "\"content\":\"hello\"}],\"max_tokens\":16,\"stream\":true}";
  private static final List<String> GAUGES = List.of("llmperf_target_active_streams", "llmperf_target_queue_depth",
      "llmperf_target_slots", "llmperf_target_queue_capacity", "jvm_memory_used_bytes", "jvm_memory_max_bytes");
  private static final List<String> COUNTERS = List.of("llmperf_target_rejected_total",
      "llmperf_target_completed_streams_total", "llmperf_target_requests_total", "process_cpu_seconds_total");

  private final HttpClient client = TargetTestSupport.client();

  @Test
  void aScrapeShowsTheOpenStreamsTheCountersAndTheProcess() {
    // A second of extra prefill: both streams hold their slot well past the scrape.
    Faults slowFirstToken = new Faults(0, 1, Duration.ofSeconds(1), 0, Duration.ZERO, 0, 0);
    try (EmbeddedTarget target = EmbeddedTarget.start(TargetTestSupport.fast().withFaults(slowFirstToken))) {
      List<HttpResponse<Stream<String>>> open = Stream.of(stream(target), stream(target))
          .map(CompletableFuture::join).toList();

      String text = scrapeText(target);
      PrometheusText.Exposition during = PrometheusText.parse(text);
      for (String name : GAUGES) {
        assertTrue(text.contains("# HELP " + name + " "), name);
        assertEquals("gauge", during.types().get(name), name);
      }
      for (String name : COUNTERS) {
        assertTrue(text.contains("# HELP " + name + " "), name);
        assertTrue(during.isCounter(name), name);
      }
      assertEquals(2, value(during, "llmperf_target_active_streams"), "the stream heads came with their slots");
      assertEquals(0, value(during, "llmperf_target_queue_depth"));
      assertEquals(4, value(during, "llmperf_target_slots"));
      assertEquals(4, value(during, "llmperf_target_queue_capacity"));
      assertEquals(0, value(during, "llmperf_target_rejected_total"));
      assertEquals(0, value(during, "llmperf_target_completed_streams_total"));
      assertEquals(3, value(during, "llmperf_target_requests_total"), "two completions and this scrape");
      double heapUsed = during.sum("jvm_memory_used_bytes", Map.of("area", "heap")).orElseThrow();
      double heapMax = during.sum("jvm_memory_max_bytes", Map.of("area", "heap")).orElseThrow();
      assertTrue(heapUsed > 0 && (heapMax == -1 || heapUsed <= heapMax), heapUsed + " of " + heapMax);
      assertTrue(value(during, "process_cpu_seconds_total") > 0);
      if (Files.isReadable(Path.of("/proc/self/status"))) {
        assertTrue(value(during, "process_resident_memory_bytes") > heapUsed / 4, "resident memory in bytes, not kB");
      }

      for (HttpResponse<Stream<String>> response : open) {
        try (Stream<String> lines = response.body()) {
          assertTrue(lines.anyMatch("data: [DONE]"::equals), "the stream ran to its end");
        }
      }
      PrometheusText.Exposition after = PrometheusText.parse(scrapeText(target));
      assertEquals(0, value(after, "llmperf_target_active_streams"));
      assertEquals(2, value(after, "llmperf_target_completed_streams_total"));
      assertEquals(4, value(after, "llmperf_target_requests_total"), "scrapes are requests too");
    }
  }

  @Test
  void aScrapeIsNeitherDelayedNorFailedByFaults() {
    try (EmbeddedTarget target = EmbeddedTarget.start(TargetTestSupport.fast())) {
      HttpResponse<String> faults = send(client, request(target, "/admin/faults")
          .PUT(json("{\"error_rate\":1,\"latency_multiplier\":100}")).build());
      assertEquals(200, faults.statusCode(), faults.body());
      errorMessage(send(client, chatCompletion(target, STREAM)), 500);
      HttpResponse<String> health = send(client, request(target, "/api/v1/health").build());
      assertTrue(health.headers().firstValue(Exchange.SERVICE_HEADER).isPresent(), "REST routes are slowed");

      HttpResponse<String> scrape = send(client, request(target, "/metrics").build());
      assertEquals(200, scrape.statusCode(), scrape.body());
      assertFalse(scrape.headers().firstValue(Exchange.SERVICE_HEADER).isPresent(), "no service time");
      assertEquals(4, value(PrometheusText.parse(scrape.body()), "llmperf_target_requests_total"));
    }
  }

  private CompletableFuture<HttpResponse<Stream<String>>> stream(EmbeddedTarget target) {
    return client.sendAsync(chatCompletion(target, STREAM), HttpResponse.BodyHandlers.ofLines());
  }

  private String scrapeText(EmbeddedTarget target) {
    HttpResponse<String> scrape = send(client, request(target, "/metrics").build());
    assertEquals(200, scrape.statusCode(), scrape.body());
    assertEquals("text/plain; version=0.0.4; charset=utf-8", scrape.headers().firstValue("content-type").orElseThrow());
    return scrape.body();
  }

  private static double value(PrometheusText.Exposition scrape, String name) {
    return scrape.sum(name, Map.of()).orElseThrow(() -> new AssertionError("no " + name));
  }
}
