package llmperf.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import llmperf.config.SuiteConfig;
import llmperf.config.TargetConfig;
import llmperf.support.FakePrometheus;
import org.junit.jupiter.api.Test;

/** The server's latency histograms: differenced over a window, quantiles as Prometheus estimates them. */
class LatencyHistogramsTest {

  private static final List<LatencyHistograms.Figure> SHIPPED = SuiteConfig.defaults().targetMetrics().histograms();

  /** vLLM-style TTFT buckets (seconds), two label sets whose counts add up; counts as given, per label set. */
  static String vllmTtft(double at50ms, double at100ms, double at250ms, double total) {
    StringBuilder text = new StringBuilder("# TYPE vllm:time_to_first_token_seconds histogram\n");
    for (String engine : List.of("0", "1")) {
      String labels = "engine=\"" + engine + "\",model_name=\"m\"";
      text.append("vllm:time_to_first_token_seconds_bucket{").append(labels).append(",le=\"0.05\"} ")
          .append(at50ms / 2).append('\n')
          .append("vllm:time_to_first_token_seconds_bucket{").append(labels).append(",le=\"0.1\"} ")
          .append(at100ms / 2).append('\n')
          .append("vllm:time_to_first_token_seconds_bucket{").append(labels).append(",le=\"0.25\"} ")
          .append(at250ms / 2).append('\n')
          .append("vllm:time_to_first_token_seconds_bucket{").append(labels).append(",le=\"+Inf\"} ")
          .append(total / 2).append('\n')
          .append("vllm:time_to_first_token_seconds_count{").append(labels).append("} ").append(total / 2)
          .append('\n');
    }
    return text.toString();
  }

  @Test
  void quantilesInterpolateWithinTheirBucketAsHistogramQuantileDoes() {
    Buckets buckets = new Buckets("m", new double[] {0.05, 0.1, 0.25, Double.POSITIVE_INFINITY},
        new double[] {20, 60, 100, 100});
    // rank 50 is the 30th of the 40 in (0.05, 0.1]: 0.05 + 0.05 * 30 / 40.
    assertEquals(0.0875, buckets.quantile(0.5).value(), 1e-12);
    assertEquals(0.05, buckets.quantile(0.5).bucketFrom());
    assertEquals(0.1, buckets.quantile(0.5).bucketTo());
    // rank 10 in the first bucket, which starts at 0.
    assertEquals(0.025, buckets.quantile(0.1).value(), 1e-12);
    assertEquals(0.25 - 0.15 * 5 / 40, buckets.quantile(0.95).value(), 1e-12);
    Buckets overflowing = new Buckets("m", new double[] {0.1, Double.POSITIVE_INFINITY}, new double[] {1, 10});
    Buckets.Quantile above = overflowing.quantile(0.95);
    assertEquals(0.1, above.value(), "above the highest bound: that bound, as Prometheus answers");
    assertTrue(Double.isInfinite(above.bucketTo()));
    assertNull(new Buckets("m", new double[] {0.1, Double.POSITIVE_INFINITY}, new double[] {0, 0}).quantile(0.5));
  }

  @Test
  void aWindowHoldsOnlyTheRequestsBetweenItsScrapesSummedOverLabels() {
    LatencyHistograms histograms = new LatencyHistograms(SHIPPED);
    histograms.scraped(1_000, PrometheusText.parse(vllmTtft(1000, 1000, 1000, 1000)));
    histograms.scraped(2_000, PrometheusText.parse(vllmTtft(1020, 1060, 1100, 1100)));
    histograms.scraped(3_000, PrometheusText.parse(vllmTtft(1020, 1060, 1100, 1100)));
    LatencyHistograms.Window window = histograms.over(1_500, 2_500);
    assertNull(window.failure());
    LatencyHistograms.Distribution ttft = window.distributions().get(0);
    assertEquals("ttft", ttft.figure());
    assertEquals("vllm:time_to_first_token_seconds", ttft.metric());
    assertEquals(100, ttft.requests(), "the 1,000 requests before the run are not the run's");
    assertEquals(0.0875, ttft.p50().value(), 1e-12);
  }

  @Test
  void aCounterThatWentDownFailsClosedInOneLine() {
    LatencyHistograms histograms = new LatencyHistograms(SHIPPED);
    histograms.scraped(1_000, PrometheusText.parse(vllmTtft(500, 900, 1000, 1000)));
    histograms.scraped(2_000, PrometheusText.parse(vllmTtft(10, 20, 30, 30)));
    LatencyHistograms.Window window = histograms.over(1_000, 2_000);
    assertEquals(List.of(), window.distributions());
    assertEquals("not compared: vllm:time_to_first_token_seconds went down between the measured run's start and"
        + " end (its counters were reset: a server restart?)", window.failure());
  }

  @Test
  void anEndpointWithoutTheHistogramsGivesNoWindowAndAHistogramBornInTheRunCountsFromZero() {
    LatencyHistograms histograms = new LatencyHistograms(SHIPPED);
    histograms.scraped(1_000, PrometheusText.parse("llamacpp:requests_processing 1\n"));
    assertEquals(List.of(), histograms.over(500, 1_000).distributions());
    // TGI registers a histogram at its first observation: absent at the start, nothing was observed before.
    histograms.scraped(2_000, PrometheusText.parse("tgi_request_duration_bucket{le=\"1\"} 3\n"
        + "tgi_request_duration_bucket{le=\"+Inf\"} 4\n"));
    LatencyHistograms.Distribution e2e = histograms.over(1_000, 2_000).distributions().get(0);
    assertEquals("end-to-end", e2e.figure());
    assertEquals("tgi_request_duration", e2e.metric());
    assertEquals(4, e2e.requests());
  }

  @Test
  void theSamplerDifferencesAVllmEndpointOnLoopbackOverTheWindow() throws Exception {
    // Each scrape, 10 more requests: 5 under 50 ms, 4 more under 100 ms, 1 more under 250 ms.
    try (FakePrometheus fake = FakePrometheus.serving(n -> vllmTtft(5.0 * n, 9.0 * n, 10.0 * n, 10.0 * n)
        + "vllm:e2e_request_latency_seconds_bucket{le=\"1.0\"} " + 10 * n + "\n"
        + "vllm:e2e_request_latency_seconds_bucket{le=\"+Inf\"} " + 10 * n + "\n")) {
      TargetMetrics config = new TargetMetrics("", Duration.ofMillis(50), List.of(), SHIPPED, "");
      ResourceSampler sampler = ResourceSampler.start(URI.create(fake.url()), TargetConfig.USER_AGENT, "fake vLLM",
          null, config, Duration.ofSeconds(2));
      long deadline = System.currentTimeMillis() + 10_000;
      while (fake.scrapes() < 2 && System.currentTimeMillis() < deadline) {
        Thread.sleep(5);
      }
      long start = System.currentTimeMillis();
      while (fake.scrapes() < 8 && System.currentTimeMillis() < deadline) {
        Thread.sleep(5);
      }
      long end = System.currentTimeMillis();
      sampler.close();
      LatencyHistograms latency = sampler.samples().latency();
      assertNotNull(latency);
      LatencyHistograms.Window window = latency.over(start, end);
      assertNull(window.failure());
      Map<String, LatencyHistograms.Distribution> byFigure = window.distributions().stream()
          .collect(Collectors.toMap(LatencyHistograms.Distribution::figure, d -> d));
      LatencyHistograms.Distribution ttft = byFigure.get("ttft");
      assertEquals(0, ttft.requests() % 10, "whole scrapes of 10 requests: " + ttft.requests());
      assertTrue(ttft.requests() >= 50, "the scrapes between start and end: " + ttft.requests());
      // Every scrape adds the same shape: p50 is the 5th of 10, the top of the first bucket; p95 half-way into the
      // (0.1, 0.25] bucket, which holds the tenth.
      assertEquals(0.05, ttft.p50().value(), 1e-9);
      assertEquals(0.175, ttft.p95().value(), 1e-9);
      assertEquals(0.25, ttft.p95().bucketTo());
      assertEquals(ttft.requests(), byFigure.get("end-to-end").requests());
      assertNull(byFigure.get("itl"), "not exposed by this endpoint");
    }
  }
}
