package llmperf.signoff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import llmperf.budgets.Budget;
import llmperf.resources.ResourceSamples;
import llmperf.resources.ResourceSeries;
import org.junit.jupiter.api.Test;

/** The target's samples put on the run's windows, and the budgets on them: each can fail, and fails closed. */
class TargetResourcesTest {

  private static final long START = 1_700_000_000_000L;
  private static final ResourceSeries HEAP = new ResourceSeries("heap-mb", "jvm_memory_used_bytes",
      Map.of("area", "heap"), 1e-6, "MB");
  private static final List<Summary.Window> WINDOWS = List.of(window(0, 5_000), window(5_000, 10_000),
      window(10_000, 15_000));

  private static Summary.Window window(long from, long to) {
    return new Summary.Window(from, to, 10, 0, 0, 50, 80, true, true);
  }

  /** Heap samples a second apart, from 2 s before the measured run to 2 s after its end (15 s). */
  private static ResourceSamples heap(double... valuesFromMinusTwoSeconds) {
    long[] at = new long[valuesFromMinusTwoSeconds.length];
    Arrays.setAll(at, i -> START - 2_000 + 1_000L * i);
    return new ResourceSamples("fake", null, null, List.of(new ResourceSamples.Series(HEAP, at,
        valuesFromMinusTwoSeconds)), List.of("queue-depth"), at.length, 0, null, 1.5, 3);
  }

  private static Budget heapMax(double limit) {
    return new Budget("budgets.target.heap-mb.max", List.of("target", "heap-mb"), "max", limit);
  }

  private static Summary.BudgetResult judge(ResourceSamples samples, Budget budget) {
    Summary.Resources resources = TargetResources.of(samples, START, START + 15_000, WINDOWS);
    return TargetResources.budgets(resources, List.of(budget)).get(0);
  }

  @Test
  void eachWindowShowsItsHighestSampleAndOnlyTheMeasuredRunCounts() {
    double[] values = new double[20];
    Arrays.setAll(values, i -> 100 + i);
    values[0] = 900;
    values[19] = 900;
    Summary.Resources resources = TargetResources.of(heap(values), START, START + 15_000, WINDOWS);
    Summary.Resources.Series series = resources.series().get(0);
    assertEquals(16, series.samples(), "0 s to 15 s, both ends in");
    assertEquals(List.of(106.0, 111.0, 117.0), series.perWindow(), "0-4 s, 5-9 s, 10-15 s");
    assertEquals(117, series.max());
    assertEquals(109.5, series.mean(), 1e-9);
    assertEquals("jvm_memory_used_bytes{area=\"heap\"}", series.metric());
    assertEquals(List.of("queue-depth"), resources.notExposed());
  }

  @Test
  void aBudgetPassesUnderItsLimitAndFailsOverIt() {
    double[] values = new double[20];
    Arrays.fill(values, 480);
    values[12] = 612;
    Summary.BudgetResult over = judge(heap(values), heapMax(500));
    assertFalse(over.passed());
    assertEquals("budgets.target.heap-mb.max on target / heap-mb: 612 MB (limit 500 MB)", over.describe());
    assertTrue(judge(heap(values), heapMax(700)).passed());
    Budget mean = new Budget("budgets.target.heap-mb.mean", List.of("target", "heap-mb"), "mean", 490);
    assertTrue(judge(heap(values), mean).passed(), "mean 488.25 MB");
    Summary.BudgetResult overTheMean = judge(heap(values),
        new Budget("budgets.target.heap-mb.mean", List.of("target", "heap-mb"), "mean", 485));
    assertFalse(overTheMean.passed());
    assertEquals(488.25, overTheMean.actual(), 1e-9);
  }

  @Test
  void aBudgetWithNothingToJudgeFailsSayingWhy() {
    Summary.BudgetResult notSampled = judge(ResourceSamples.none("http://vllm:8000",
        "target.metrics.url is not set"), heapMax(500));
    assertFalse(notSampled.passed());
    assertEquals("not sampled: target.metrics.url is not set", notSampled.actualText());

    ResourceSamples allFailed = new ResourceSamples("http://127.0.0.1:9/metrics", null, null, List.of(),
        List.of("heap-mb"), 4, 4, "GET http://127.0.0.1:9/metrics: connection refused", 0, 0);
    assertEquals("no scrape of http://127.0.0.1:9/metrics succeeded: GET http://127.0.0.1:9/metrics: connection"
        + " refused", judge(allFailed, heapMax(500)).actualText());

    ResourceSamples otherSeries = new ResourceSamples("fake vLLM", null, null, List.of(), List.of("heap-mb"), 4, 0,
        null, 1, 2);
    Summary.BudgetResult notExposed = judge(otherSeries, heapMax(500));
    assertFalse(notExposed.passed());
    assertEquals("not exposed by fake vLLM", notExposed.actualText());

    Summary.BudgetResult outsideTheRun = judge(heap(480, 480), heapMax(500));
    assertFalse(outsideTheRun.passed());
    assertNull(outsideTheRun.actual());
    assertEquals("no sample in the measured run", outsideTheRun.actualText());
  }
}
