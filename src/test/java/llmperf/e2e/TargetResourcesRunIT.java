package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import llmperf.signoff.analysis.Summary;
import llmperf.suite.simulations.Spike;
import llmperf.suite.simulations.Steady;
import llmperf.support.FakePrometheus;
import llmperf.support.GatlingRun;
import org.junit.jupiter.api.Test;

/**
 * The target's own resources sampled during real runs: the reference server's queue fills in a spike's peak and
 * drains after it; a Prometheus endpoint of another server (a fake vLLM) is read and charted the same way.
 */
class TargetResourcesRunIT {

  private static Summary.Resources.Series series(Summary summary, String name) {
    return summary.resources().series().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static double highest(List<Double> values) {
    return values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).max().orElse(0);
  }

  @Test
  void aSpikesQueueRisesInThePeakAndDrainsAfterIt() throws Exception {
    // Four slots: the base rate fits in them, the peak does not.
    GatlingRun.Outcome outcome = GatlingRun.run(Spike.class, Map.of("embedded-target.generation.slots", "4",
        "embedded-target.generation.queue", "1000", "budgets.spike.recovery", "10s", "scales.ci.spike.peak-rate", "12",
        "budgets.target.queue-depth.max", "1"));
    Summary summary = outcome.signOff();
    Summary.Resources resources = summary.resources();
    assertEquals("the embedded reference target's /metrics", resources.source());
    assertEquals(0, resources.failedScrapes(), resources.firstFailure());
    List<Summary.Window> windows = summary.windows();
    List<Double> queue = series(summary, "queue-depth").perWindow();
    long peakEnd = summary.phases().recovery().peakEndOffsetMs();
    double beforeTheSurge = highest(queue.subList(0, 1));
    double inThePeak = 0;
    // The last window may be shorter than a scrape's interval, and hold none.
    double last = queue.stream().filter(Objects::nonNull).reduce((first, second) -> second).orElseThrow();
    for (int i = 0; i < windows.size(); i++) {
      if (windows.get(i).endOffsetMs() <= peakEnd + 2_000 && windows.get(i).startOffsetMs() >= 4_000) {
        inThePeak = Math.max(inThePeak, queue.get(i) == null ? 0 : queue.get(i));
      }
    }
    assertTrue(inThePeak >= 10, "the queue fills in the peak: " + queue);
    assertTrue(beforeTheSurge < inThePeak / 4 && last < inThePeak / 4, "and is near empty before and after: " + queue);
    assertTrue(highest(series(summary, "active-streams").perWindow()) >= 4, "every slot busy in the peak");
    assertNotNull(series(summary, "heap-mb").max());
    assertNotNull(series(summary, "cpu").max());
    Summary.BudgetResult budget = summary.budgets().stream()
        .filter(b -> b.key().equals("budgets.target.queue-depth.max")).findFirst().orElseThrow();
    assertFalse(budget.passed());
    assertTrue(summary.reasons().contains(budget.describe()), summary.reasons().toString());
    String page = Files.readString(outcome.runFolder().resolve("signoff.html"));
    assertTrue(page.contains("llmperf_target_queue_depth, highest sample per window"), "charted");
  }

  @Test
  void anotherServersPrometheusEndpointIsReadAndCharted() throws Exception {
    try (FakePrometheus vllm = FakePrometheus.serving(n -> FakePrometheus.vllm(n % 4, n % 3, 0.5, 2 * n))) {
      GatlingRun.Outcome outcome = GatlingRun.run(Steady.class, Map.of("target.metrics.url", vllm.url(),
          "scales.ci.steady.ramp", "0s", "budgets.target.vllm-kv-cache.max", "40"));
      Summary summary = outcome.signOff();
      Summary.Resources resources = summary.resources();
      assertEquals(vllm.url(), resources.source());
      assertTrue(resources.notExposed().contains("queue-depth"), resources.notExposed().toString());
      assertEquals(50, series(summary, "vllm-kv-cache").max(), 1e-9);
      assertEquals(3, series(summary, "vllm-running").max());
      assertTrue(series(summary, "vllm-preemptions").max() > 0, "a counter, charted as its rate");
      Summary.BudgetResult budget = summary.budgets().stream()
          .filter(b -> b.key().equals("budgets.target.vllm-kv-cache.max")).findFirst().orElseThrow();
      assertEquals("budgets.target.vllm-kv-cache.max on target / vllm-kv-cache: 50 % (limit 40 %)", budget.describe());
      assertFalse(summary.passed());
      String page = Files.readString(outcome.runFolder().resolve("signoff.html"));
      assertTrue(page.contains("vllm:num_requests_waiting, highest sample per window"), "charted");
      assertTrue(page.contains("budgets.target.vllm-kv-cache.max 40 %"), "with its budget drawn across");
    }
  }
}
