package llmperf.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import llmperf.config.SuiteConfig;
import llmperf.config.TargetConfig;
import llmperf.support.GuardedTarget;
import org.junit.jupiter.api.Test;

/**
 * A target whose /metrics wants its API key (llama.cpp's llama-server): every scrape of the run sends
 * target.metrics.api-key, else target.api-key, and the key is in nothing the sign-off shows.
 */
class KeyedScrapeTest {

  private static final String KEY = "sk-llama-secret-1234";

  private static ResourceSamples scrape(TargetMetrics metrics) throws InterruptedException {
    ResourceSampler sampler = ResourceSampler.start(URI.create(metrics.url()), TargetConfig.USER_AGENT, "llama.cpp",
        null, new TargetMetrics(metrics.url(), Duration.ofMillis(100), metrics.series(), List.of(),
            metrics.apiKey()),
        Duration.ofSeconds(2));
    Thread.sleep(350);
    sampler.close();
    return sampler.samples();
  }

  private static TargetMetrics metrics(GuardedTarget llama, Map<String, String> keys) {
    Map<String, String> settings = new java.util.HashMap<>(keys);
    settings.put("target.base-url", llama.baseUrl());
    settings.put("target.metrics.url", llama.metricsUrl());
    return SuiteConfig.load(settings, Map.of()).targetMetrics();
  }

  @Test
  void theTargetsKeyOrTheMetricsOwnIsSentWithEveryScrape() throws Exception {
    try (GuardedTarget llama = GuardedTarget.start(KEY, List.of("m"))) {
      ResourceSamples withTargetKey = scrape(metrics(llama, Map.of("target.api-key", KEY)));
      assertTrue(withTargetKey.scrapes() >= 2, "scrapes: " + withTargetKey.scrapes());
      assertEquals(0, withTargetKey.failedScrapes());
      assertEquals("Bearer " + KEY, llama.seenAuthorization("/metrics"));
      ResourceSamples withOwnKey = scrape(metrics(llama, Map.of("target.api-key", "sk-chat-only-5678",
          "target.metrics.api-key", KEY)));
      assertEquals(0, withOwnKey.failedScrapes());
    }
  }

  @Test
  void aRefusedScrapeSaysSoWithoutTheKey() throws Exception {
    try (GuardedTarget llama = GuardedTarget.start(KEY, List.of("m"))) {
      ResourceSamples refused = scrape(metrics(llama, Map.of("target.api-key", "sk-wrong-key-5678")));
      assertEquals(refused.scrapes(), refused.failedScrapes());
      assertEquals("GET " + llama.metricsUrl() + ": HTTP 401", refused.firstFailure());
      assertFalse(refused.toString().contains("5678"), refused.toString());
    }
  }
}
