package llmperf.signoff.trends;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import llmperf.config.ConfigError;
import llmperf.signoff.analysis.Baseline;

/**
 * What trends.html draws from the history: per simulation and scale (and number of merged load generators: their runs
 * carry several times the load), the last {@link #LAST_RUNS} runs, and for each trended budget its actual value in each
 * run against its limit in that run, plus the system's output tokens/s.
 *
 * @param unreadable the history's lines left out, and why
 */
public record Trends(List<Group> groups, List<String> unreadable) {

  public static final int LAST_RUNS = 20;
  public static final String OUTPUT_TOKENS = "system output tokens/s";

  /**
   * @param runs the group's last runs, oldest first
   * @param baselineRun the run folder the stored baseline of this simulation and scale was saved from, or null
   */
  public record Group(String simulation, String scale, int generators, List<HistoryLine> runs, String baselineRun,
      List<Chart> charts) {

    public String title() {
      return simulation + " (" + scale + ")" + (generators > 1 ? ", " + generators + " load generators merged" : "");
    }
  }

  /**
   * @param key the budget's key, or null for a figure without a limit
   * @param points one per run that had the row, in the runs' order
   */
  public record Chart(String title, String key, String unit, List<Point> points) {}

  /**
   * @param position the run's place among the group's runs, 1 the oldest
   * @param value null when the run had nothing to judge; limit null for a figure without one
   */
  public record Point(int position, String run, String commit, Double value, Double limit, boolean passed,
      boolean baseline) {}

  /** @param baselineRun the run a simulation and scale's stored baseline was saved from, or null */
  public static Trends of(History history, BiFunction<String, String, String> baselineRun) {
    Map<String, List<HistoryLine>> bySimulation = new LinkedHashMap<>();
    history.lines().forEach(line -> bySimulation.computeIfAbsent(line.simulation() + "\n" + line.scale() + "\n"
        + line.generators(), key -> new ArrayList<>()).add(line));
    List<Group> groups = new ArrayList<>();
    bySimulation.values().forEach(lines -> {
      List<HistoryLine> runs = lines.subList(Math.max(0, lines.size() - LAST_RUNS), lines.size());
      HistoryLine first = runs.get(0);
      String baseline = baselineRun.apply(first.simulation(), first.scale());
      groups.add(new Group(first.simulation(), first.scale(), first.generators(), List.copyOf(runs), baseline,
          charts(runs, baseline)));
    });
    return new Trends(groups, history.unreadable());
  }

  private static List<Chart> charts(List<HistoryLine> runs, String baselineRun) {
    Map<String, List<Point>> byBudget = new LinkedHashMap<>();
    Map<String, HistoryLine.Trended> described = new LinkedHashMap<>();
    List<Point> tokens = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      HistoryLine run = runs.get(i);
      boolean baseline = run.run().equals(baselineRun);
      for (HistoryLine.Trended budget : run.budgets()) {
        String id = budget.key() + " on " + budget.row();
        described.putIfAbsent(id, budget);
        byBudget.computeIfAbsent(id, key -> new ArrayList<>()).add(new Point(i + 1, run.run(), run.commit(),
            budget.actual(), budget.limit(), budget.passed(), baseline));
      }
      if (run.outputTokensPerSecond() > 0) {
        tokens.add(new Point(i + 1, run.run(), run.commit(), run.outputTokensPerSecond(), null, true, baseline));
      }
    }
    List<Chart> charts = new ArrayList<>();
    byBudget.forEach((id, points) -> {
      HistoryLine.Trended budget = described.get(id);
      charts.add(new Chart(budget.row(), budget.key(), budget.unit(), points));
    });
    if (!tokens.isEmpty()) {
      charts.add(new Chart(OUTPUT_TOKENS, null, "tokens/s", tokens));
    }
    return charts;
  }

  /** The folder name of the run the stored baseline was saved from; null when there is none or it cannot be read. */
  public static String storedBaselineRun(String simulation, String scale) {
    try {
      Baseline baseline = Baseline.load(simulation, scale);
      return baseline == null || baseline.savedFrom() == null ? null
          : Path.of(baseline.savedFrom()).getFileName().toString();
    } catch (ConfigError unreadable) {
      return null;
    }
  }
}
