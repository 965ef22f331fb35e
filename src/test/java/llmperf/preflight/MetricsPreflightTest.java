package llmperf.preflight;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import llmperf.config.SuiteConfig;
import llmperf.support.FakePrometheus;
import llmperf.support.GuardedTarget;
import org.junit.jupiter.api.Test;

/**
 * target.metrics.url probed once before any load: an endpoint that does not answer Prometheus text, or lacks a
 * series a budget bounds, is one line then, not an empty chart or a failed budget after the run.
 */
class MetricsPreflightTest {

  private static final String SKIP = " (-Dtarget.preflight=false skips this probe)";

  private static SuiteConfig config(String metricsUrl, String... budget) {
    Map<String, String> properties = new HashMap<>(Map.of("target.base-url", "http://127.0.0.1:8000",
        "target.metrics.url", metricsUrl, "target.timeouts.connect", "1s"));
    for (int i = 0; i < budget.length; i += 2) {
      properties.put(budget[i], budget[i + 1]);
    }
    return SuiteConfig.load(properties, Map.of());
  }

  private static String refusal(SuiteConfig config) {
    PreflightError error = assertThrows(PreflightError.class,
        () -> Preflight.requireMetrics(config.target(), config.targetMetrics(), config.budgets()));
    assertEquals(0, error.getStackTrace().length, "one line, no stack trace");
    return error.getMessage();
  }

  @Test
  void anEndpointNothingListensOnIsRefused() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/metrics";
    assertEquals("target.metrics.url: GET " + url + ": connection refused (nothing listens there: is the service up?)" + SKIP,
        refusal(config(url)));
  }

  @Test
  void anEndpointThatIsNotPrometheusTextIsRefused() throws IOException {
    try (FakePrometheus html = FakePrometheus.serving(n -> "<html><body>Grafana</body></html>\n")) {
      String line = refusal(config(html.url()));
      assertEquals("target.metrics.url: GET " + html.url() + ": not Prometheus text, line 1: ", line.substring(0, line.indexOf(": ",
          line.indexOf("text, ")) + 2));
    }
    try (FakePrometheus failing = FakePrometheus.serving(n -> null)) {
      assertEquals("target.metrics.url: GET " + failing.url() + ": HTTP 503 (target.metrics.url names the target's Prometheus endpoint)"
          + SKIP, refusal(config(failing.url())));
    }
  }

  @Test
  void aBudgetedSeriesTheEndpointLacksIsRefusedAndOneItHasPasses() throws IOException {
    try (FakePrometheus vllm = FakePrometheus.serving(n -> FakePrometheus.vllm(2, 1, 0.4, 0))) {
      assertEquals("budgets.target.queue-depth.max bounds llmperf_target_queue_depth, which " + vllm.url()
          + " does not expose (target.metrics.series.queue-depth names the metric)" + SKIP,
          refusal(config(vllm.url(), "budgets.target.queue-depth.max", "10")));
      SuiteConfig judged = config(vllm.url(), "budgets.target.vllm-waiting.max", "10");
      assertDoesNotThrow(() -> Preflight.requireMetrics(judged.target(), judged.targetMetrics(), judged.budgets()));
    }
  }

  /** llama.cpp's llama-server: /metrics answers 401 without the server's API key. */
  @Test
  void anEndpointGuardedByTheKeyIsScrapedWithTheTargetsKeyOrItsOwn() throws IOException {
    try (GuardedTarget llama = GuardedTarget.start("sk-llama-secret-1234", List.of("m"))) {
      SuiteConfig noKey = config(llama.metricsUrl());
      String line = refusal(noKey);
      assertEquals("target.metrics.url: GET " + llama.metricsUrl() + ": HTTP 401, refused the key: set"
          + " target.metrics.api-key or target.api-key" + SKIP, line);
      SuiteConfig targetKey = config(llama.metricsUrl(), "target.api-key", "sk-llama-secret-1234");
      assertDoesNotThrow(() -> Preflight.requireMetrics(targetKey.target(), targetKey.targetMetrics(), List.of()));
      assertEquals("Bearer sk-llama-secret-1234", llama.seenAuthorization("/metrics"));
      SuiteConfig ownKey = config(llama.metricsUrl(), "target.api-key", "sk-other-key-5678",
          "target.metrics.api-key", "sk-llama-secret-1234");
      assertDoesNotThrow(() -> Preflight.requireMetrics(ownKey.target(), ownKey.targetMetrics(), List.of()));
      SuiteConfig wrongKey = config(llama.metricsUrl(), "target.api-key", "sk-wrong-key-5678");
      assertFalse(refusal(wrongKey).contains("5678"), "the key is never in the line");
      assertFalse(wrongKey.targetMetrics().toString().contains("5678"), wrongKey.targetMetrics().toString());
    }
  }
}
