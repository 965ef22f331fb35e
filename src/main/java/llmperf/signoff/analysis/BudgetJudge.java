package llmperf.signoff.analysis;

import java.util.List;
import llmperf.budgets.Budget;
import llmperf.budgets.BudgetCheck;
import llmperf.budgets.Thresholds;
import llmperf.signoff.RunPlan;
import llmperf.signoff.Summary;
import llmperf.signoff.render.Texts;
import llmperf.signoff.log.RequestRecord;

/**
 * Judges budgets from simulation.log: latency on the budget's row, with Gatling's percentile estimator and a strict
 * "<"; the error rate per request a user sees (a reply counts once, however many rows it writes).
 */
final class BudgetJudge {

  private final RunRecords run;

  BudgetJudge(RunRecords run) {
    this.run = run;
  }

  Summary.BudgetResult judge(BudgetCheck check) {
    Budget budget = check.budget();
    if (budget.statistic().equals(Budget.RAN)) {
      long count = run.at(check.path()).size();
      return new Summary.BudgetResult(budget.key(), check.pathText(), budget.statistic(), 1, (double) count,
          "requests", count > 0);
    }
    Double actual;
    String notJudged = null;
    if (budget.scope().get(0).equals("all")) {
      List<RequestRecord> requests = run.userRequestsUnder(check.path());
      actual = requests.isEmpty() ? null : 100.0 * requests.stream().filter(r -> !r.ok()).count() / requests.size();
    } else {
      // Latency of the OK requests: a failed reply's rows carry the time until it failed, and fast failures would
      // pass a latency budget that the replies which came miss.
      List<RequestRecord> rows = run.at(check.path());
      long[] ok = RunRecords.okDurations(rows);
      actual = ok.length == 0 ? null : (double) Statistics.of(budget.statistic(), ok);
      notJudged = !rows.isEmpty() && ok.length == 0 ? "no OK request among " + rows.size() : null;
    }
    boolean passed = actual != null && actual < budget.limit();
    return new Summary.BudgetResult(budget.key(), check.pathText(), budget.statistic(), budget.limit(), actual,
        budget.isLatency() ? "ms" : "%", passed, notJudged);
  }

  /** The error rate of the requests a user saw that started in the spike's surge, from the ramp up to the ramp down's end. */
  Summary.BudgetResult peakErrors(RunPlan.Spike spike) {
    List<RequestRecord> surge = run.userRequestsUnder(List.of()).stream()
        .filter(r -> r.startEpochMs() - run.start >= spike.surgeStartOffsetMs()
            && r.startEpochMs() - run.start < spike.surgeEndOffsetMs())
        .toList();
    Double actual = surge.isEmpty() ? null : 100.0 * surge.stream().filter(r -> !r.ok()).count() / surge.size();
    return new Summary.BudgetResult(Thresholds.PEAK_ERROR_RATE, "requests started in the surge ("
        + Texts.duration(spike.surgeStartOffsetMs()) + " to " + Texts.duration(spike.surgeEndOffsetMs()) + ")",
        "error-rate-percent", spike.peakErrorPercent(), actual, "%", actual != null && actual < spike.peakErrorPercent());
  }

  /**
   * Journeys that completed without an error (top-level groups that are OK) against those the load shape planned: in
   * an open model Gatling starts every planned journey, so only the OK ones say whether the target kept up.
   */
  Summary.BudgetResult throughput(long plannedJourneys, Thresholds thresholds) {
    long ok = run.log.groups().stream().filter(g -> g.groups().size() == 1 && g.ok()).count();
    double percent = 100.0 * ok / plannedJourneys;
    double limit = thresholds.minThroughputPercent();
    return new Summary.BudgetResult(Thresholds.MIN_THROUGHPUT,
        "journeys completed OK / " + plannedJourneys + " planned", "min", limit, percent, "%", percent >= limit);
  }
}
