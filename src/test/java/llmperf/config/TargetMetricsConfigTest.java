package llmperf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import llmperf.budgets.Budget;
import llmperf.resources.ResourceSeries;
import llmperf.resources.TargetMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** target.metrics and the budgets on its series: read as written, refused in one line before any load. */
class TargetMetricsConfigTest {

  private static String rejection(Map<String, String> properties) {
    return assertThrows(ConfigError.class, () -> SuiteConfig.load(properties, Map.of())).getMessage();
  }

  @Test
  void theShippedSeriesCoverTheReferenceServerAndVllm() {
    TargetMetrics metrics = SuiteConfig.defaults().targetMetrics();
    assertEquals("", metrics.url());
    assertEquals(1000, metrics.every().toMillis());
    ResourceSeries heap = metrics.series().stream().filter(s -> s.name().equals("heap-mb")).findFirst().orElseThrow();
    assertEquals(new ResourceSeries("heap-mb", "jvm_memory_used_bytes", Map.of("area", "heap"), 1e-6, "MB"), heap);
    assertTrue(metrics.series().stream().map(ResourceSeries::metric).toList().containsAll(List.of(
        "llmperf_target_queue_depth", "llmperf_target_active_streams", "vllm:num_requests_waiting",
        "vllm:kv_cache_usage_perc")));
    assertTrue(SuiteConfig.defaults().budgets().stream().noneMatch(Budget::isResource), "no budget by default");
  }

  @Test
  void aBudgetOnASeriesIsAPlainNumberInItsUnit() {
    List<Budget> budgets = SuiteConfig.load(Map.of("budgets.target.heap-mb.max", "500",
        "budgets.target.queue-depth.mean", "2.5"), Map.of()).budgets();
    assertTrue(budgets.contains(new Budget("budgets.target.heap-mb.max", List.of("target", "heap-mb"), "max", 500)));
    assertTrue(budgets.contains(new Budget("budgets.target.queue-depth.mean", List.of("target", "queue-depth"), "mean",
        2.5)));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
      "budgets.target.heap.max | 500 | budgets.target.heap names no series of target.metrics.series: expected one of"
          + " active-streams, cpu, heap-mb, llamacpp-deferred, llamacpp-processing, queue-depth, rejections,"
          + " resident-mb, sglang-queued, sglang-running, sglang-token-usage, tgi-batch, tgi-queue, vllm-kv-cache,"
          + " vllm-preemptions, vllm-running, vllm-waiting",
      "target.metrics.histograms.ttft | vllm | target.metrics.histograms.ttft = \"vllm\": expected a list of"
          + " Prometheus histogram names, e.g. [\"vllm:time_to_first_token_seconds\"]",
      "budgets.target.heap-mb.p95 | 500 | budgets.target.heap-mb.p95 is not a statistic of a target series: expected"
          + " max or mean",
      "budgets.target.heap-mb.max | lots | budgets.target.heap-mb.max = \"lots\": expected a number in the series'"
          + " unit, e.g. 500",
      "target.metrics.every | 10ms | target.metrics.every = \"10ms\": expected at least 100ms between two scrapes",
      "target.metrics.url | vllm:8000/metrics | target.metrics.url = \"vllm:8000/metrics\": expected an absolute URL"
          + " like http://host:port",
  })
  void aBadSettingIsOneLine(String key, String value, String message) {
    assertEquals(message, rejection(Map.of(key, value)));
  }

  @Test
  void aBudgetWithNothingToSampleIsRefusedBeforeAnyLoad() {
    assertEquals("budgets.target.heap-mb.max judges the target's own heap-mb, but target.metrics.url is not set: set"
        + " it to the target's Prometheus endpoint (vLLM serves /metrics), or drop the budget",
        rejection(Map.of("target.base-url", "http://127.0.0.1:8000", "budgets.target.heap-mb.max", "500")));
    assertEquals(1, SuiteConfig.load(Map.of("target.base-url", "http://127.0.0.1:8000", "target.metrics.url",
        "http://127.0.0.1:8000/metrics", "budgets.target.vllm-waiting.max", "10"), Map.of()).budgets().stream()
        .filter(Budget::isResource).count());
  }
}
