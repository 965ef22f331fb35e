package llmperf.signoff.analysis;

import java.util.List;
import llmperf.budgets.Budget;
import llmperf.budgets.BudgetCheck;
import llmperf.budgets.Thresholds;
import llmperf.signoff.Summary;
import llmperf.signoff.log.GroupRecord;
import llmperf.signoff.log.RequestRecord;

/** Judges budgets from simulation.log the way Gatling judges its assertions: same rows, same percentiles, "<". */
final class BudgetJudge {

  private final RunRecords run;

  BudgetJudge(RunRecords run) {
    this.run = run;
  }

  Summary.BudgetResult judge(BudgetCheck check) {
    Budget budget = check.budget();
    List<RequestRecord> requests = run.log.requests();
    Double actual;
    if (budget.scope().get(0).equals("all") && check.path().isEmpty()) {
      actual = requests.isEmpty() ? null : 100.0 * requests.stream().filter(r -> !r.ok()).count() / requests.size();
    } else if (budget.scope().get(0).equals("all")) {
      List<GroupRecord> inGroup = run.log.groups().stream().filter(g -> g.groups().equals(check.path())).toList();
      actual = inGroup.isEmpty() ? null : 100.0 * inGroup.stream().filter(g -> !g.ok()).count() / inGroup.size();
    } else {
      List<RequestRecord> rows = run.at(check.path());
      actual = rows.isEmpty() ? null : (double) Statistics.of(budget.statistic(), RunRecords.durations(rows));
    }
    boolean passed = actual != null && actual < budget.limit();
    return new Summary.BudgetResult(budget.key(), check.pathText(), budget.statistic(), budget.limit(), actual,
        budget.isLatency() ? "ms" : "%", passed);
  }

  /** Completed journeys (top-level groups) against those the target rate should have produced. */
  Summary.BudgetResult throughput(long expectedJourneys, Thresholds thresholds) {
    long journeys = run.log.groups().stream().filter(g -> g.groups().size() == 1).count();
    double percent = 100.0 * journeys / expectedJourneys;
    double limit = thresholds.minThroughputPercent();
    return new Summary.BudgetResult(Thresholds.MIN_THROUGHPUT,
        "completed journeys / " + expectedJourneys + " expected at the target rate", "min", limit, percent, "%",
        percent >= limit);
  }
}
