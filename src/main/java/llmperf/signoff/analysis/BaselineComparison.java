package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import llmperf.budgets.Regression;

/**
 * Every compared row's p95 (the budgeted latency rows and the stream figures, of the OK requests) against the stored
 * baseline of the same simulation and scale.
 */
final class BaselineComparison {

  private BaselineComparison() {}

  static Summary.Comparison of(RunTally run, RunPlan plan, Baseline baseline) {
    if (baseline == null) {
      return new Summary.Comparison(null, "no baseline",
          "store one with the baseline command (README: Budgets)", List.of());
    }
    List<Summary.Comparison.Delta> deltas = new ArrayList<>();
    List<String> noisy = new ArrayList<>();
    Set<List<String>> compared = new HashSet<>();
    plan.checks().stream().filter(c -> c.budget().isLatency()).forEach(c -> compared.add(c.path()));
    int minimum = Regression.MIN_BASELINE_SAMPLES;
    for (Baseline.Row base : baseline.rows()) {
      RowTally current = run.rows().get(base.path());
      boolean figure = Regression.FIGURE_ROWS.contains(base.path().get(base.path().size() - 1));
      if (current == null || base.count() < minimum || !(compared.contains(base.path()) || figure)) {
        continue;
      }
      if (current.count() < minimum) {
        noisy.add(String.join(" / ", base.path()));
      }
      if (current.ok().isEmpty()) {
        continue;
      }
      long p95 = current.ok().percentile(95);
      boolean rest = plan.apiRows().contains(base.path());
      double threshold = plan.thresholds().regressionPercent(rest);
      long allowed = Regression.allowedP95(base.p95(), threshold, Regression.noiseFloorMs(base.path(), rest))
          + Regression.generatorStallAllowanceMs(base.path(), RunAnalysis.generatorLagMaxMs(plan));
      deltas.add(new Summary.Comparison.Delta(String.join(" / ", base.path()), base.p95(), p95,
          base.p95() == 0 ? 0 : 100.0 * (p95 - base.p95()) / base.p95(), threshold, p95 > allowed));
    }
    String status = deltas.isEmpty() ? "not comparable" : "compared";
    String note = deltas.isEmpty()
        ? "no row had " + minimum + " samples in both runs: the runs are too short to compare"
        : (noisy.isEmpty() ? "baseline from " + baseline.savedFrom()
        : "few samples (under " + minimum + ") in this run, p95 is noisy for: " + String.join(", ", noisy))
        + stallNote(RunAnalysis.generatorLagMaxMs(plan));
    return new Summary.Comparison(baseline.file(), status, note, deltas);
  }

  private static String stallNote(double lagMaxMs) {
    long stall = (long) Math.ceil(lagMaxMs);
    return stall == 0 ? "" : "; inter-chunk may rise by the load generator's longest stall in this run, " + stall
        + " ms, on top (a stall lengthens every reply in flight)";
  }
}
