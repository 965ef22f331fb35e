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
 */
public record TargetMetrics(String url, Duration every, List<ResourceSeries> series) {

  /** Where the reference server serves its counters in Prometheus text format. */
  public static final String EMBEDDED_PATH = "/metrics";

  /** Whether the run samples the target: the embedded one always, another one at its configured endpoint. */
  public boolean sampled(boolean embedded) {
    return embedded || !url.isEmpty();
  }
}
