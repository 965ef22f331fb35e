package llmperf.signoff.analysis;

import java.util.List;
import llmperf.resources.Buckets;
import llmperf.resources.LatencyHistograms;
import llmperf.resources.ResourceSamples;

/** The server's latency histograms differenced over the measured run, in ms, for the sign-off. */
final class ServerLatencyAnalysis {

  private ServerLatencyAnalysis() {}

  /** Null when nothing is configured or the endpoint exposed none of the histograms. */
  static Summary.ServerLatency of(ResourceSamples resources, long startEpochMs, long endEpochMs) {
    if (resources == null || resources.latency() == null) {
      return null;
    }
    LatencyHistograms.Window window = resources.latency().over(startEpochMs, endEpochMs);
    if (window.failure() != null) {
      return new Summary.ServerLatency(resources.source(), window.failure(), List.of());
    }
    if (window.distributions().isEmpty()) {
      return null;
    }
    return new Summary.ServerLatency(resources.source(), null, window.distributions().stream()
        .map(d -> new Summary.LatencyFigure(d.figure(), d.metric(), d.requests(), ms(d.p50()), ms(d.p95()),
            ms(d.p99())))
        .toList());
  }

  /** Seconds to ms. */
  private static Summary.Quantile ms(Buckets.Quantile q) {
    if (q == null) {
      return null;
    }
    return new Summary.Quantile(q.value() * 1000, q.bucketFrom() * 1000,
        Double.isInfinite(q.bucketTo()) ? null : q.bucketTo() * 1000);
  }
}
