package llmperf.resources;

import java.time.Duration;
import java.util.List;

/**
 * target.metrics: where the target's own counters are scraped during a run, how often, and which series of them
 * the sign-off charts next to latency and errors.
 *
 * @param url the target's Prometheus endpoint; empty: the embedded target's own ({@link #EMBEDDED_PATH}), and none
 *     for another target
 * @param every the pause between two scrapes
 * @param histograms the server's latency histograms to difference over the run (target.metrics.histograms)
 */
public record TargetMetrics(String url, Duration every, List<ResourceSeries> series,
    List<LatencyHistograms.Figure> histograms) {

  /** No latency histograms read. */
  public TargetMetrics(String url, Duration every, List<ResourceSeries> series) {
    this(url, every, series, List.of());
  }

  /** Where the reference server serves its counters in Prometheus text format. */
  public static final String EMBEDDED_PATH = "/metrics";

  /** Whether the run samples the target: the embedded one always, another one at its configured endpoint. */
  public boolean sampled(boolean embedded) {
    return embedded || !url.isEmpty();
  }
}
