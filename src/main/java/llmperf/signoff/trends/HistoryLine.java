package llmperf.signoff.trends;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmperf.budgets.Thresholds;
import llmperf.signoff.analysis.Summary;

/**
 * One run's line in results/history.jsonl: its headline figures, and each trended budget's actual value against its
 * limit, for the history table and trends.html. Lines written before a field existed lack it: they are read with
 * that field empty, never refused.
 *
 * @param run the run folder's name, beside history.jsonl
 * @param errorPercent the run's error rate, null when the line has none
 * @param p95 the stream and first-audio-byte p95s by row, in ms
 * @param budgets the trended budgets (every p95 budget but the regression checks, error rates, throughput); empty
 *     in lines written before they were kept
 * @param generators the load generators whose folders the run merged, 1 for a run of one
 */
public record HistoryLine(String commit, String simulation, String scale, long start, boolean passed, String run,
    Double errorPercent, double outputTokensPerSecond, Map<String, Long> p95, List<Trended> budgets,
    int generators) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One budget's outcome in the run.
   *
   * @param actual null when there was nothing to judge
   */
  public record Trended(String key, String path, String statistic, Double actual, double limit, String unit,
      boolean passed) {

    /**
     * What the budget judges, which a trend follows from run to run: the row and statistic; throughput by its key, its
     * path naming the journeys each run planned.
     */
    public String row() {
      if (key.equals(Thresholds.MIN_THROUGHPUT)) {
        return "journeys completed OK, % of planned";
      }
      return (path.equals("global") ? "all requests" : path)
          + (statistic.equals("error-rate-percent") ? " error rate" : " " + statistic);
    }
  }

  public static HistoryLine of(Summary summary, String run, int generators) {
    Map<String, Long> p95 = new LinkedHashMap<>();
    summary.streaming().forEach(s -> {
      p95.put(s.journey() + " ttft", s.ttft().p95());
      p95.put(s.journey() + " end-to-end", s.endToEnd().p95());
    });
    summary.audio().forEach(a -> p95.put(a.journey() + " first-audio-byte", a.firstAudioByte().p95()));
    Double errorPercent = summary.budgets().stream().filter(b -> b.path().equals("global")).findFirst()
        .map(Summary.BudgetResult::actual).orElse(null);
    List<Trended> budgets = summary.budgets().stream().filter(HistoryLine::trended)
        .map(b -> new Trended(b.key(), b.path(), b.statistic(), b.actual(), b.limit(), b.unit(), b.passed())).toList();
    Summary.Run described = summary.run();
    return new HistoryLine(described.gitCommit(), described.simulation(), described.scale(), described.startEpochMs(),
        summary.passed(), run, errorPercent, summary.streaming().stream()
        .mapToDouble(Summary.Streaming::systemOutputTokensPerSecond).sum(), p95, budgets, generators);
  }

  /** Latency p95s against their absolute limits (a regression check's limit moves with its baseline), error rates and throughput. */
  private static boolean trended(Summary.BudgetResult budget) {
    return budget.statistic().equals("p95") && !budget.key().startsWith(Thresholds.REGRESSION_PREFIX)
        || budget.statistic().equals("error-rate-percent") || budget.key().equals(Thresholds.MIN_THROUGHPUT);
  }

  public String toJson() {
    ObjectNode line = JSON.createObjectNode();
    line.put("commit", commit);
    line.put("simulation", simulation);
    line.put("scale", scale);
    line.put("start", start);
    line.put("passed", passed);
    line.put("run", run);
    if (errorPercent != null) {
      line.put("error_percent", errorPercent);
    }
    line.put("output_tokens_per_s", outputTokensPerSecond);
    ObjectNode rows = line.putObject("p95");
    p95.forEach(rows::put);
    ArrayNode trended = line.putArray("budgets");
    for (Trended budget : budgets) {
      ObjectNode node = trended.addObject().put("key", budget.key()).put("path", budget.path())
          .put("statistic", budget.statistic());
      if (budget.actual() != null) {
        node.put("actual", budget.actual());
      }
      node.put("limit", budget.limit()).put("unit", budget.unit()).put("passed", budget.passed());
    }
    if (generators > 1) {
      line.put("generators", generators);
    }
    try {
      return JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a history line of plain values could not be written", e);
    }
  }

  /**
   * A line as written by any version of the suite; a missing field is empty. Refuses, with why, a line that is not a
   * JSON object naming its simulation and run.
   */
  public static HistoryLine parse(String text) {
    JsonNode line;
    try {
      line = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")");
    }
    if (line == null || !line.isObject() || !line.path("simulation").isTextual() || !line.path("run").isTextual()) {
      throw new IllegalArgumentException("not a run's line: no simulation or run");
    }
    Map<String, Long> p95 = new LinkedHashMap<>();
    line.path("p95").fields().forEachRemaining(row -> p95.put(row.getKey(), row.getValue().asLong()));
    List<Trended> budgets = new ArrayList<>();
    for (JsonNode budget : line.path("budgets")) {
      if (budget.path("key").isTextual() && budget.path("path").isTextual() && budget.path("limit").isNumber()) {
        budgets.add(new Trended(budget.path("key").asText(), budget.path("path").asText(),
            budget.path("statistic").asText(""), budget.path("actual").isNumber()
            ? budget.path("actual").asDouble() : null, budget.path("limit").asDouble(), budget.path("unit").asText(""),
            budget.path("passed").asBoolean()));
      }
    }
    return new HistoryLine(line.path("commit").asText("unknown"), line.path("simulation").asText(),
        line.path("scale").asText(""), line.path("start").asLong(), line.path("passed").asBoolean(),
        line.path("run").asText(), line.path("error_percent").isNumber() ? line.path("error_percent").asDouble() : null,
        line.path("output_tokens_per_s").asDouble(), p95, budgets, Math.max(1, line.path("generators").asInt(1)));
  }
}
