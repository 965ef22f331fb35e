package llmperf.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmperf.budgets.Budget;
import llmperf.resources.LatencyHistograms;
import llmperf.resources.ResourceSeries;
import llmperf.resources.TargetMetrics;

/** Reads target.metrics into a {@link TargetMetrics}. */
final class TargetMetricsReader {

  private static final String AT = "target.metrics.";
  private static final Duration SHORTEST_EVERY = Duration.ofMillis(100);
  private static final List<String> FIGURES = List.of("ttft", "itl", "end-to-end");

  private TargetMetricsReader() {}

  /**
   * Reads target.metrics; a budget on the target's series with nothing to sample it from is refused here, before
   * any load, rather than failing the run at its end.
   */
  static TargetMetrics read(ConfigReader reader, TargetConfig target, List<Budget> budgets) {
    boolean embedded = target.embedded();
    String url = reader.string(AT + "url").isEmpty() ? "" : reader.url(AT + "url", List.of("http", "https")).toString();
    Duration every = reader.positiveDuration(AT + "every");
    if (every.compareTo(SHORTEST_EVERY) < 0) {
      throw ConfigError.of(AT + "every", every.toMillis() + "ms", "expected at least 100ms between two scrapes");
    }
    List<ResourceSeries> series = new ArrayList<>();
    reader.children(AT + "series").keySet().forEach(name -> series.add(series(reader, name)));
    // A server that guards /metrics guards it with the key of its API unless told otherwise.
    String apiKey = reader.string(AT + "api-key").isEmpty() ? target.apiKey() : reader.string(AT + "api-key");
    TargetMetrics metrics = new TargetMetrics(url, every, List.copyOf(series), histograms(reader), apiKey);
    budgets.stream().filter(Budget::isResource).findFirst().ifPresent(budget -> {
      if (!metrics.sampled(embedded)) {
        throw new ConfigError(budget.key() + " judges the target's own " + budget.scope().get(1)
            + ", but target.metrics.url is not set: set it to the target's Prometheus endpoint (vLLM serves"
            + " /metrics), or drop the budget");
      }
    });
    return metrics;
  }

  /** target.metrics.histograms: per figure, the histograms (in seconds) that may hold it, the first exposed read. */
  private static List<LatencyHistograms.Figure> histograms(ConfigReader reader) {
    if (!reader.has(AT + "histograms")) {
      return List.of();
    }
    List<LatencyHistograms.Figure> figures = new ArrayList<>();
    reader.children(AT + "histograms").forEach((figure, value) -> {
      String at = AT + "histograms." + figure;
      if (!FIGURES.contains(figure)) {
        throw ConfigError.of(at, value.unwrapped(), "expected one of the figures " + FIGURES);
      }
      List<String> metrics = new ArrayList<>();
      if (value.valueType() == ConfigValueType.LIST) {
        ((ConfigList) value).forEach(metric -> {
          if (metric.valueType() == ConfigValueType.STRING && !((String) metric.unwrapped()).isBlank()) {
            metrics.add((String) metric.unwrapped());
          }
        });
      }
      if (value.valueType() != ConfigValueType.LIST || metrics.isEmpty() || metrics.size() != ((ConfigList) value).size()) {
        throw ConfigError.of(at, value.unwrapped(), "expected a list of Prometheus histogram names, e.g."
            + " [\"vllm:time_to_first_token_seconds\"]");
      }
      figures.add(new LatencyHistograms.Figure(figure, List.copyOf(metrics)));
    });
    return List.copyOf(figures);
  }

  private static ResourceSeries series(ConfigReader reader, String name) {
    String at = AT + "series." + name;
    Map<String, String> labels = new LinkedHashMap<>();
    if (reader.has(at + ".labels")) {
      reader.children(at + ".labels").forEach((label, value) -> {
        if (value.valueType() != ConfigValueType.STRING) {
          throw ConfigError.of(at + ".labels." + label, value.unwrapped(), "expected a label value in quotes");
        }
        labels.put(label, (String) value.unwrapped());
      });
    }
    return new ResourceSeries(name,
        reader.nonEmptyString(at + ".metric", "expected a Prometheus metric name, e.g. vllm:num_requests_waiting"),
        Map.copyOf(labels),
        reader.has(at + ".scale") ? reader.number(at + ".scale", Double.MIN_VALUE, Double.MAX_VALUE,
            "expected a factor above 0 (1e-6: bytes to MB)") : 1,
        reader.has(at + ".unit") ? reader.string(at + ".unit") : "");
  }
}
