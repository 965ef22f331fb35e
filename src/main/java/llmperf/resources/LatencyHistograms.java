package llmperf.resources;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's own latency distributions, from the histograms its Prometheus endpoint exposes (vLLM, SGLang, TGI):
 * the buckets of each configured figure at every scrape, differenced over the measured run by {@link #over}, so that
 * the sign-off can put the server's TTFT, ITL and end-to-end beside the client's.
 */
public final class LatencyHistograms {

  /**
   * One figure and the histograms that may hold it, in seconds.
   *
   * @param figure "ttft", "itl" or "end-to-end"
   * @param metrics candidate metric names, without {@code _bucket}: the first one a scrape exposes is read
   */
  public record Figure(String figure, List<String> metrics) {}

  /** The figure's quantiles over the run, in the metric's unit; the quantiles are null when no request ended. */
  public record Distribution(String figure, String metric, long requests, Buckets.Quantile p50, Buckets.Quantile p95,
      Buckets.Quantile p99) {}

  /** What the run's window holds: the distributions, or why they cannot be trusted (one line). */
  public record Window(List<Distribution> distributions, String failure) {}

  /**
   * Scrapes kept from the start: far more than a warm-up lasts, so that the snapshot before the measured run is
   * among them. After that only the latest is kept, which serves as the run's end.
   */
  static final int KEPT = 4096;

  /** One scrape's histograms, by figure, taken at {@code at} (epoch ms). */
  public record Snapshot(long at, Map<String, Buckets> byFigure) {}

  /** What a saved run plan keeps: the scrapes, so that the sign-off can difference them over the run again. */
  public record State(List<Figure> figures, List<Snapshot> kept, Snapshot latest) {}

  private final List<Figure> figures;
  private final List<Snapshot> kept = new ArrayList<>();
  private Snapshot latest;

  public LatencyHistograms(List<Figure> figures) {
    this.figures = List.copyOf(figures);
  }

  @JsonValue
  public synchronized State state() {
    return new State(figures, List.copyOf(kept), latest);
  }

  @JsonCreator
  public static LatencyHistograms of(State state) {
    LatencyHistograms histograms = new LatencyHistograms(state.figures());
    histograms.kept.addAll(state.kept());
    histograms.latest = state.latest();
    return histograms;
  }

  /** Whether any figure is configured. */
  public boolean configured() {
    return !figures.isEmpty();
  }

  /** Takes the configured histograms from one scrape, made at {@code at} (epoch ms). */
  synchronized void scraped(long at, PrometheusText.Exposition exposition) {
    Map<String, Buckets> byFigure = new LinkedHashMap<>();
    for (Figure figure : figures) {
      for (String metric : figure.metrics()) {
        Buckets buckets = Buckets.read(exposition, metric);
        if (buckets != null) {
          byFigure.put(figure.figure(), buckets);
          break;
        }
      }
    }
    latest = new Snapshot(at, byFigure);
    if (kept.size() < KEPT) {
      kept.add(latest);
    }
  }

  /**
   * The observations made between the last scrape at or before {@code startMs} and the first at or after
   * {@code endMs} (else the last one); no distribution when the endpoint exposed none of the figures.
   */
  public synchronized Window over(long startMs, long endMs) {
    Snapshot start = null;
    Snapshot end = null;
    for (Snapshot snapshot : kept) {
      if (snapshot.at() <= startMs) {
        start = snapshot;
      }
      if (end == null && snapshot.at() >= endMs) {
        end = snapshot;
      }
    }
    end = end != null ? end : latest;
    if (end == null || end.byFigure().isEmpty()) {
      return new Window(List.of(), null);
    }
    if (start == null) {
      return new Window(List.of(), "not compared: no scrape of the server's histograms before the measured run"
          + " started");
    }
    List<Distribution> distributions = new ArrayList<>();
    for (Map.Entry<String, Buckets> figure : end.byFigure().entrySet()) {
      Buckets before = start.byFigure().get(figure.getKey());
      Buckets during = figure.getValue().since(before);
      if (during == null) {
        return new Window(List.of(), "not compared: " + figure.getValue().metric() + " went down between the"
            + " measured run's start and end (its counters were reset: a server restart?)");
      }
      distributions.add(new Distribution(figure.getKey(), during.metric(), during.count(), during.quantile(0.5),
          during.quantile(0.95), during.quantile(0.99)));
    }
    return new Window(distributions, null);
  }
}
