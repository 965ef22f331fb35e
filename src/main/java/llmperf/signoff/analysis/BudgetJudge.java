package llmperf.signoff.analysis;

import llmperf.budgets.Budget;
import llmperf.budgets.BudgetCheck;
import llmperf.budgets.Thresholds;

/**
 * Judges budgets from simulation.log: latency on the budget's row, exact percentiles and a strict "<"; the error
 * rate per request a user sees (a reply counts once, however many rows it writes). Regression checks are judged by
 * {@link BaselineComparison}.
 */
final class BudgetJudge {

  private final RunTally run;

  BudgetJudge(RunTally run) {
    this.run = run;
  }

  Summary.BudgetResult judge(BudgetCheck check) {
    Budget budget = check.budget();
    if (budget.statistic().equals(Budget.RAN)) {
      long count = run.at(check.path()).count();
      return new Summary.BudgetResult(budget.key(), check.pathText(), budget.statistic(), 1, (double) count,
          "requests", count > 0);
    }
    Double actual;
    String notJudged = null;
    if (budget.scope().get(0).equals("all")) {
      RowTally requests = run.userRequestsUnder(check.path());
      actual = requests.count() == 0 ? null : requests.errorPercent();
    } else {
      // Latency of the OK requests: a failed reply's rows carry the time until it failed, and fast failures would
      // pass a latency budget that the replies which came miss.
      RowTally row = run.at(check.path());
      actual = row.ok().isEmpty() ? null : (double) row.ok().statistic(budget.statistic());
      notJudged = row.count() > 0 && row.ok().isEmpty() ? "no OK request among " + row.count() : null;
    }
    boolean passed = actual != null && actual < budget.limit();
    return new Summary.BudgetResult(budget.key(), check.pathText(), budget.statistic(), budget.limit(), actual,
        budget.isLatency() ? "ms" : "%", passed, notJudged);
  }

  /** The error rate of the requests a user saw that started in the spike's surge, from the ramp up to the ramp down's end. */
  Summary.BudgetResult peakErrors(RunPlan.Spike spike) {
    RowTally surge = run.surge();
    Double actual = surge.count() == 0 ? null : surge.errorPercent();
    return new Summary.BudgetResult(Thresholds.PEAK_ERROR_RATE, "requests started in the surge ("
        + Figures.duration(spike.surgeStartOffsetMs()) + " to " + Figures.duration(spike.surgeEndOffsetMs()) + ")",
        "error-rate-percent", spike.peakErrorPercent(), actual, "%", actual != null && actual < spike.peakErrorPercent());
  }

  /**
   * Journeys that completed without an error (top-level groups that are OK) against those the load shape planned: in
   * an open model Gatling starts every planned journey, so only the OK ones say whether the target kept up.
   */
  Summary.BudgetResult throughput(long plannedJourneys, Thresholds thresholds) {
    double percent = 100.0 * run.okJourneys() / plannedJourneys;
    double limit = thresholds.minThroughputPercent();
    return new Summary.BudgetResult(Thresholds.MIN_THROUGHPUT,
        "journeys completed OK / " + plannedJourneys + " planned", "min", limit, percent, "%", percent >= limit);
  }
}
