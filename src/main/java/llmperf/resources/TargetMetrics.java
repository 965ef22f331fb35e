package llmperf.resources;

import java.time.Duration;
import java.util.List;
import llmperf.safety.SecretMasking;

/**
 * target.metrics: where the target's own counters are scraped during a run, how often, and which series of them
 * the sign-off charts next to latency and errors.
 *
 * @param url the target's Prometheus endpoint; empty: the embedded target's own ({@link #EMBEDDED_PATH}), and none
 *     for another target
 * @param every the pause between two scrapes
 * @param histograms the server's latency histograms to difference over the run (target.metrics.histograms)
 * @param apiKey secret, sent as a bearer token with every scrape (llama.cpp's server guards /metrics with its API
 *     key); empty: none. Never printed, see {@link #toString()}
 */
public record TargetMetrics(String url, Duration every, List<ResourceSeries> series,
    List<LatencyHistograms.Figure> histograms, String apiKey) {

  /** Where the reference server serves its counters in Prometheus text format. */
  public static final String EMBEDDED_PATH = "/metrics";

  /** Whether the run samples the target: the embedded one always, another one at its configured endpoint. */
  public boolean sampled(boolean embedded) {
    return embedded || !url.isEmpty();
  }

  @Override
  public String toString() {
    return "TargetMetrics[" + SecretMasking.mask(url) + ", every " + every + ", " + series.size() + " series, apiKey="
        + (apiKey.isEmpty() ? "<none>" : "<set>") + "]";
  }
}
