package llmperf.resources;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import llmperf.config.SuiteConfig;
import llmperf.config.TargetConfig;
import llmperf.support.FakePrometheus;
import org.junit.jupiter.api.Test;

/** The sampler against a Prometheus endpoint on loopback whose series move scrape by scrape, as a vLLM's do. */
class ResourceSamplerTest {

  private static final TargetMetrics EVERY_50_MS = new TargetMetrics("", Duration.ofMillis(50),
      SuiteConfig.defaults().targetMetrics().series(), List.of(), "");

  private static ResourceSamples sample(FakePrometheus fake, int scrapes) throws InterruptedException {
    ResourceSampler sampler = ResourceSampler.start(URI.create(fake.url()), TargetConfig.USER_AGENT, "fake vLLM", null,
        EVERY_50_MS, Duration.ofSeconds(2));
    long deadline = System.currentTimeMillis() + 10_000;
    while (fake.scrapes() < scrapes && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    sampler.close();
    return sampler.samples();
  }

  private static ResourceSamples.Series series(ResourceSamples samples, String name) {
    return samples.series().stream().filter(s -> s.spec().name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void gaugesAreKeptAsReadScaledAndSummedOverTheirLabels() throws Exception {
    try (FakePrometheus fake = FakePrometheus.serving(n -> FakePrometheus.vllm(n, 10 - n, 0.25, 0))) {
      ResourceSamples samples = sample(fake, 6);
      double[] running = series(samples, "vllm-running").values();
      assertTrue(running.length >= 6, Arrays.toString(running));
      assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, Arrays.copyOf(running, 6));
      assertEquals(9, series(samples, "vllm-waiting").values()[0]);
      assertEquals(25, series(samples, "vllm-kv-cache").values()[0], 1e-9, "a fraction, scaled to percent");
      assertEquals(0, samples.failedScrapes());
      assertNull(samples.firstFailure());
      assertTrue(samples.notExposed().containsAll(List.of("heap-mb", "queue-depth")), samples.notExposed().toString());
      long[] at = series(samples, "vllm-running").epochMs();
      for (int i = 1; i < at.length; i++) {
        assertTrue(at[i] - at[i - 1] >= 50, "scrapes 50 ms apart at least: " + Arrays.toString(at));
      }
    }
  }

  @Test
  void aCounterIsChartedAsItsRatePerSecondAndAResetCountsFromZero() throws Exception {
    // 10 preemptions a scrape, reset to 0 at the fifth.
    try (FakePrometheus fake = FakePrometheus.serving(n -> FakePrometheus.vllm(1, 0, 0, n < 5 ? 10 * n : 10 * (n - 5)))) {
      ResourceSamples samples = sample(fake, 8);
      ResourceSamples.Series preemptions = series(samples, "vllm-preemptions");
      double[] rates = preemptions.values();
      long[] at = preemptions.epochMs();
      assertEquals(samples.scrapes() - 1, rates.length, "no rate at the first scrape");
      assertTrue(rates[0] > 0, Arrays.toString(rates));
      // Rate i is the second scrape's and those after: scrape 5 went back to 0, a reset counted from zero.
      for (int i = 1; i < rates.length; i++) {
        double increase = i == 3 ? 0 : 10;
        assertEquals(increase * 1000 / (at[i] - at[i - 1]), rates[i], 1e-6, "rate " + i + ": " + Arrays.toString(rates));
      }
    }
  }

  @Test
  void aFailedScrapeIsCountedAndTheFirstReasonKeptWithItsUrl() throws Exception {
    try (FakePrometheus fake = FakePrometheus.serving(n -> n == 2 ? null : FakePrometheus.vllm(1, 0, 0, 0))) {
      ResourceSamples samples = sample(fake, 4);
      assertEquals(1, samples.failedScrapes());
      assertEquals("GET " + fake.url() + ": HTTP 503", samples.firstFailure());
      assertEquals(samples.scrapes() - 1, series(samples, "vllm-running").values().length);
    }
  }

  @Test
  void aMalformedExpositionIsAFailedScrapeNamingTheLine() throws Exception {
    try (FakePrometheus fake = FakePrometheus.serving(n -> "vllm:num_requests_running{engine=\"0\" 3\n")) {
      ResourceSamples samples = sample(fake, 2);
      assertEquals(samples.scrapes(), samples.failedScrapes());
      assertTrue(samples.firstFailure().startsWith("GET " + fake.url() + ": line 1"), samples.firstFailure());
      assertTrue(samples.series().isEmpty());
    }
  }
}
