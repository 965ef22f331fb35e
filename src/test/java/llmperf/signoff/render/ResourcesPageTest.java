package llmperf.signoff.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.BudgetResult;
import llmperf.signoff.analysis.Summary.Resources;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The target's own resources on the page and in summary.md: the source, a row and a chart per series, or one line. */
class ResourcesPageTest {

  /** Over the sample's 20 windows: the queue fills in the spike (windows 6 to 9) and drains; the heap holds. */
  static final Resources SAMPLED = new Resources("the embedded reference target's /metrics", null,
      "The embedded target runs in the load generator's JVM.", 200, 0, null, 1.25, 4.5,
      List.of(series("queue-depth", "llmperf_target_queue_depth", "requests", 42, 6.1, queueDepth()),
          series("heap-mb", "jvm_memory_used_bytes{area=\"heap\"}", "MB", 310, 250.4, flat(300))),
      List.of("vllm-running", "vllm-waiting"));

  private static Resources.Series series(String name, String metric, String unit, double max, double mean,
      List<Double> perWindow) {
    return new Resources.Series(name, metric, unit, 200, max, mean, perWindow);
  }

  private static List<Double> queueDepth() {
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      values.add(i >= 6 && i <= 9 ? 12.0 * (i - 5) - 6 : i == 10 ? 8.0 : 0.0);
    }
    return values;
  }

  private static List<Double> flat(double value) {
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      values.add(i == 3 ? null : value);
    }
    return values;
  }

  private static Summary with(Resources resources, List<BudgetResult> extraBudgets) {
    Summary s = SignOffPageTest.sample();
    List<BudgetResult> budgets = new ArrayList<>(s.budgets());
    budgets.addAll(extraBudgets);
    return new Summary(s.run(), s.passed(), s.reasons(), budgets, s.rows(), s.streaming(), s.audio(), s.baseline(),
        s.windows(), s.phases(), s.generator(), s.errors(), resources, s.conversations());
  }

  @Test
  void eachSeriesHasItsRowAndItsChartOnTheRunsTimeAxis() throws Exception {
    Document page = SignOffPageTest.parse(SignOffPage.render(with(SAMPLED, List.of())));
    String section = SignOffPageTest.text(page, "//section[h2='Target resources']");
    assertTrue(section.contains("Scraped from the embedded reference target's /metrics: 200 scrapes; a scrape took"
        + " 1.25 ms (max 4.5 ms). Configured but not exposed there: vllm-running, vllm-waiting."), section);
    assertTrue(section.contains("The embedded target runs in the load generator's JVM."), section);
    assertEquals(List.of("queue-depth", "llmperf_target_queue_depth", "200", "42 requests", "6.1 requests"),
        SignOffPageTest.cells(page, "Target resources", "queue-depth"));
    String figures = "//section[h2='Target resources']//figure";
    assertEquals(2, SignOffPageTest.count(page, figures));
    assertEquals(1, SignOffPageTest.count(page, figures + "[starts-with(figcaption, 'queue-depth')]"
        + "//*[local-name()='polyline']"), "one line: every window has a sample");
    assertEquals(2, SignOffPageTest.count(page, figures + "[starts-with(figcaption, 'heap-mb')]"
        + "//*[local-name()='polyline']"), "a window without a sample breaks the line");
    assertEquals(3, SignOffPageTest.count(page, figures + "[starts-with(figcaption, 'queue-depth')]"
        + "//*[local-name()='line'][@class='marker']"), "the spike's peak end, recovery deadline and recovery");
  }

  @Test
  void aBudgetOnASeriesIsDrawnAcrossItsChart() throws Exception {
    BudgetResult heap = new BudgetResult("budgets.target.heap-mb.max", "target / heap-mb", "max", 500, 310.0, "MB",
        true);
    Document page = SignOffPageTest.parse(SignOffPage.render(with(SAMPLED, List.of(heap))));
    String chart = SignOffPageTest.text(page, "//section[h2='Target resources']//figure[starts-with(figcaption,"
        + " 'heap-mb')]");
    assertTrue(chart.contains("budgets.target.heap-mb.max 500 MB"), chart);
    assertEquals(List.of("budgets.target.heap-mb.max", "target / heap-mb", "max", "500 MB", "310 MB", "PASS"),
        SignOffPageTest.cells(page, "Budgets", "budgets.target.heap-mb.max"));
  }

  @Test
  void aTargetWithoutMetricsGetsOneLineAndNoChart() throws Exception {
    Resources none = new Resources("https://llm.example.com", "target.metrics.url is not set (a Prometheus endpoint"
        + " of the target, e.g. vLLM's /metrics)", null, 0, 0, null, 0, 0, List.of(), List.of());
    Summary summary = with(none, List.of());
    Document page = SignOffPageTest.parse(SignOffPage.render(summary));
    String line = "The target's own resources were not sampled: target.metrics.url is not set (a Prometheus endpoint"
        + " of the target, e.g. vLLM's /metrics).";
    assertEquals(line, SignOffPageTest.text(page, "//section[h2='Target resources']/p"));
    assertEquals(0, SignOffPageTest.count(page, "//section[h2='Target resources']//table"));
    assertEquals(0, SignOffPageTest.count(page, "//section[h2='Target resources']//figure"));
    String markdown = SignOffMarkdown.render(summary);
    assertTrue(markdown.contains("### Target resources\n\n" + line.replace("_", "\\_") + "\n"), markdown);
  }

  @Test
  void failedScrapesAreCountedWithTheFirstReason() throws Exception {
    Resources failing = new Resources("http://127.0.0.1:9400/metrics", null, null, 20, 3,
        "GET http://127.0.0.1:9400/metrics: HTTP 503", 2, 7, SAMPLED.series(), List.of());
    Document page = SignOffPageTest.parse(SignOffPage.render(with(failing, List.of())));
    assertEquals("Scraped from http://127.0.0.1:9400/metrics: 20 scrapes, 3 failed (first: GET"
        + " http://127.0.0.1:9400/metrics: HTTP 503); a scrape took 2 ms (max 7 ms).",
        SignOffPageTest.text(page, "//section[h2='Target resources']/p"));
  }

  @Test
  void summaryMdListsTheSeries() {
    String markdown = SignOffMarkdown.render(with(SAMPLED, List.of()));
    assertTrue(markdown.contains("| queue-depth | llmperf\\_target\\_queue\\_depth | 200 | 42 requests | 6.1 requests |"),
        markdown);
    assertFalse(markdown.contains("<svg"), "no chart in the job page");
  }
}
