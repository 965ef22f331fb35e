package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import llmperf.budgets.BudgetCheck;
import llmperf.budgets.Regression;
import llmperf.budgets.Thresholds;
import llmperf.metrics.RowNames;

/**
 * Every compared row's p95 (the budgeted latency rows and the stream figures, of the OK requests) against the stored
 * baseline of the same simulation and scale, as a 95 % interval of its change ({@link ChangeInterval}); and the
 * samples of those rows that a baseline of this run keeps.
 *
 * <p>Where the server's own timings of a row exist in both runs (TTFT: the reference server's record, or llama.cpp's
 * prompt_ms; ITL: llama.cpp's predicted_per_token_ms), a rise they do not show (their interval lies within the
 * allowed rise) happened between the server and the suite: the load generator's, not the service's, and it does not
 * fail the regression.
 */
final class BaselineComparison {

  static final String REGRESSED = "regressed";
  /** The verdict of a rise the server's own timings do not show. */
  static final String GENERATORS = "regressed at the load generator";
  /** The server's own TTFT and time per token of a journey's replies, in µs, kept beside its rows. */
  static final String SERVER_TTFT = "server ttft (µs)";
  static final String SERVER_ITL = "server itl (µs)";

  private BaselineComparison() {}

  static Summary.Comparison of(RunTally run, RunPlan plan, Baseline baseline) {
    Set<List<String>> compared = comparedRows(run, plan);
    Map<List<String>, Durations> server = serverSamples(plan);
    List<KeptSamples.Row> kept = kept(run, compared, server);
    if (baseline == null) {
      return new Summary.Comparison(null, "no baseline", "store one with the baseline command (README: Budgets)",
          List.of(), kept);
    }
    Map<List<String>, Durations> before = baseline.samples();
    double lagMaxMs = RunAnalysis.generatorLagMaxMs(plan);
    List<Summary.Comparison.Delta> deltas = new ArrayList<>();
    for (Baseline.Row base : baseline.rows()) {
      RowTally current = run.rows().get(base.path());
      Durations baseSamples = before.get(base.path());
      if (current == null || !compared.contains(base.path()) || baseSamples == null
          || baseSamples.count() < Regression.MIN_SAMPLES) {
        continue;
      }
      boolean rest = plan.apiRows().contains(base.path());
      double threshold = plan.thresholds().regressionPercent(rest);
      double allowed = Regression.allowedPercent(base.p95(), threshold, Regression.noiseFloorMs(base.path(), rest),
          Regression.generatorStallAllowanceMs(base.path(), lagMaxMs));
      ChangeInterval change = ChangeInterval.of(baseSamples, current.ok(), 95, allowed, REGRESSED,
          "the baseline and this run");
      if (change.verdict().equals(REGRESSED)) {
        change = whose(change, base.path(), before, server);
      }
      long p95 = current.ok().isEmpty() ? 0 : current.ok().percentile(95);
      deltas.add(new Summary.Comparison.Delta(String.join(" / ", base.path()), base.p95(), p95,
          base.p95() == 0 ? 0 : 100.0 * (p95 - base.p95()) / base.p95(), threshold,
          change.verdict().equals(REGRESSED), change));
    }
    List<String> notJudged = deltas.stream().filter(d -> !d.interval().judged()).map(Summary.Comparison.Delta::path)
        .toList();
    if (notJudged.size() == deltas.size()) {
      return new Summary.Comparison(baseline.file(), ChangeInterval.NOT_JUDGED, before.isEmpty()
          ? "the baseline keeps no samples (saved by an earlier version): save it again with the baseline command"
          : "no row had " + Regression.MIN_SAMPLES + " OK samples in both runs, which the p95's interval needs: the"
          + " runs are too short to compare", deltas, kept);
    }
    String note = "baseline from " + baseline.savedFrom() + "; each change with its 95 % interval"
        + (notJudged.isEmpty() ? "" : "; not judged (under " + Regression.MIN_SAMPLES + " OK samples): "
        + String.join(", ", notJudged)) + stallNote(lagMaxMs);
    return new Summary.Comparison(baseline.file(), "compared", note, deltas, kept);
  }

  /**
   * The regression checks' results: each judged row's interval against its allowed rise. A row too short to judge
   * gives none (the comparison lists it, and fails when no row could be judged); a row this run never ran fails.
   */
  static List<Summary.BudgetResult> budgets(Summary.Comparison comparison, List<BudgetCheck> checks) {
    Map<String, Summary.Comparison.Delta> byPath = new LinkedHashMap<>();
    comparison.deltas().forEach(delta -> byPath.put(delta.path(), delta));
    List<Summary.BudgetResult> results = new ArrayList<>();
    for (BudgetCheck check : checks) {
      if (!check.budget().key().startsWith(Thresholds.REGRESSION_PREFIX)) {
        continue;
      }
      Summary.Comparison.Delta delta = byPath.get(check.pathText());
      if (delta == null) {
        results.add(new Summary.BudgetResult(check.budget().key(), check.pathText(), Regression.STATISTIC,
            check.budget().limit(), null, "%", false));
      } else if (delta.interval().judged()) {
        results.add(new Summary.BudgetResult(check.budget().key(), check.pathText(), Regression.STATISTIC,
            delta.interval().allowedPercent(), delta.interval().lowPercent(), "%", !delta.regression()));
      }
    }
    return results;
  }

  /**
   * A rise of a row the server also timed: the load generator's when the server's own figure did not rise past the
   * allowed rise (its interval lies within it), else the service's; the service's too when the server timed it in
   * one run only.
   */
  private static ChangeInterval whose(ChangeInterval change, List<String> path, Map<List<String>, Durations> before,
      Map<List<String>, Durations> server) {
    List<String> figure = serverFigure(path);
    Durations serverBefore = figure == null ? null : before.get(figure);
    Durations serverNow = figure == null ? null : server.get(figure);
    if (serverBefore == null || serverNow == null) {
      return change;
    }
    ChangeInterval own = ChangeInterval.of(serverBefore, serverNow, 95, change.allowedPercent(), REGRESSED,
        "the server's timings of both runs");
    String name = figure.get(figure.size() - 1).replace(" (µs)", "");
    if (own.judged() && own.highPercent() <= change.allowedPercent()) {
      return change.noted(GENERATORS, "the " + name + " changed by " + own.text() + ": not the service's");
    }
    return change.noted(REGRESSED, "the " + name + " changed by " + own.text());
  }

  /** The server's own figure of a row: TTFT and ITL have one. */
  private static List<String> serverFigure(List<String> path) {
    String row = path.get(path.size() - 1);
    String figure = row.equals(RowNames.TTFT) ? SERVER_TTFT : row.equals(RowNames.ITL) ? SERVER_ITL : null;
    return figure == null ? null : RunTally.with(path.subList(0, path.size() - 1), figure);
  }

  /** The rows a baseline compares: those a latency budget names, and the stream figures of every journey. */
  private static Set<List<String>> comparedRows(RunTally run, RunPlan plan) {
    Set<List<String>> compared = new LinkedHashSet<>();
    plan.checks().stream().filter(c -> !c.path().isEmpty() && c.budget().isLatency())
        .forEach(c -> compared.add(c.path()));
    run.rows().keySet().stream().filter(path -> Regression.FIGURE_ROWS.contains(path.get(path.size() - 1)))
        .forEach(compared::add);
    return compared;
  }

  /** The server's own TTFT (its record, else llama.cpp's prompt_ms) and time per token of each journey, in µs. */
  private static Map<List<String>, Durations> serverSamples(RunPlan plan) {
    Map<List<String>, Durations> samples = new LinkedHashMap<>();
    plan.truthTallies().forEach((journey, truth) -> {
      if (truth.joined() > 0) {
        samples.put(RunTally.with(List.of(journey.split(" / ")), SERVER_TTFT),
            KeptSamples.of(truth.serverTtftCounts()));
      }
    });
    plan.streamTallies().forEach((journey, tally) -> {
      if (tally.timings().withTimings() > 0) {
        List<String> path = List.of(journey.split(" / "));
        samples.putIfAbsent(RunTally.with(path, SERVER_TTFT), KeptSamples.of(tally.timings().serverPromptCounts()));
        Durations perToken = KeptSamples.of(tally.timings().serverPerTokenCounts());
        if (!perToken.isEmpty()) {
          samples.put(RunTally.with(path, SERVER_ITL), perToken);
        }
      }
    });
    return samples;
  }

  private static List<KeptSamples.Row> kept(RunTally run, Set<List<String>> compared,
      Map<List<String>, Durations> server) {
    List<KeptSamples.Row> kept = new ArrayList<>();
    for (List<String> path : compared) {
      RowTally row = run.rows().get(path);
      if (row != null && !row.ok().isEmpty()) {
        kept.add(new KeptSamples.Row(path, row.ok().count(), KeptSamples.write(row.ok())));
      }
    }
    server.forEach((path, samples) -> kept.add(new KeptSamples.Row(path, samples.count(),
        KeptSamples.write(samples))));
    return kept;
  }

  private static String stallNote(double lagMaxMs) {
    long stall = (long) Math.ceil(lagMaxMs);
    return stall == 0 ? "" : "; inter-chunk may rise by the load generator's longest stall in this run, " + stall
        + " ms, on top (a stall lengthens every reply in flight)";
  }
}
