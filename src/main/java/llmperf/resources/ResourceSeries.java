package llmperf.resources;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One series of the target's own resources to chart: a Prometheus metric (the sum of its samples whose labels
 * include {@code labels}), multiplied by {@code scale}. A counter is charted as its rate per second.
 *
 * @param name the series' name in target.metrics.series, which budgets.target.NAME names too ("heap-mb")
 * @param metric the metric's name in the exposition ("jvm_memory_used_bytes", "vllm:num_requests_waiting")
 * @param unit what the scaled value is in ("MB", "cores", "requests"), as the sign-off prints it
 */
public record ResourceSeries(String name, String metric, Map<String, String> labels, double scale, String unit) {

  /** The metric as a PromQL selector would name it: {@code jvm_memory_used_bytes{area="heap"}}. */
  public String selector() {
    if (labels.isEmpty()) {
      return metric;
    }
    StringJoiner selector = new StringJoiner(",", metric + "{", "}");
    new TreeMap<>(labels).forEach((label, value) -> selector.add(label + "=\"" + value + "\""));
    return selector.toString();
  }
}
