package llmperf.resources;

import java.util.List;

/**
 * What was sampled of the target's own resources during a run, for the sign-off to put on the run's time axis.
 *
 * @param source where they were read: the masked URL, or the embedded target's own endpoint
 * @param note what a reader must keep in mind, or null: the embedded target shares its JVM with the load generator,
 *     so heap, resident memory and CPU are the two together
 * @param unavailable why nothing was sampled ("target.metrics.url is not set ..."), or null
 * @param series each configured series some scrape exposed, in the configured order
 * @param notExposed the configured series no scrape exposed
 * @param failedScrapes scrapes that got no exposition (no answer, an HTTP error, a malformed line)
 * @param firstFailure the first failed scrape's reason, URL masked; null when none failed
 * @param scrapeMedianMs how long the successful scrapes took: what the sampling itself asked of the target
 * @param latency the server's latency histograms as scraped, or null when none is configured
 */
public record ResourceSamples(String source, String note, String unavailable, List<Series> series,
    List<String> notExposed, int scrapes, int failedScrapes, String firstFailure, double scrapeMedianMs,
    double scrapeMaxMs, LatencyHistograms latency) {

  /** Samples with no latency histograms. */
  public ResourceSamples(String source, String note, String unavailable, List<Series> series,
      List<String> notExposed, int scrapes, int failedScrapes, String firstFailure, double scrapeMedianMs,
      double scrapeMaxMs) {
    this(source, note, unavailable, series, notExposed, scrapes, failedScrapes, firstFailure, scrapeMedianMs,
        scrapeMaxMs, null);
  }

  /**
   * One series' samples: a gauge's value at each scrape, a counter's rate per second since the scrape before.
   *
   * @param epochMs when each sample was taken: the middle of its scrape
   */
  public record Series(ResourceSeries spec, long[] epochMs, double[] values) {}

  /** Nothing sampled, and why. */
  public static ResourceSamples none(String source, String why) {
    return new ResourceSamples(source, null, why, List.of(), List.of(), 0, 0, null, 0, 0);
  }
}
