package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.List;
import llmperf.metrics.ErrorClass;

/** Stress and Capacity: every stair judged on its own budgets; the highest stair meeting all is the breaking point. */
final class BreakingPoint {

  private BreakingPoint() {}

  static Summary.Phases.BreakingPoint of(RunTally run, BudgetJudge judge, List<RunPlan.Stair> planned) {
    List<Summary.Phases.BreakingPoint.Stair> stairs = new ArrayList<>();
    RunPlan.Stair lastGood = null;
    String brokeBy = null;
    for (RunPlan.Stair stair : planned) {
      RowTally requests = run.userRequestsUnder(List.of(stair.group()));
      List<String> failed = stair.checks().stream().map(judge::judge)
          .filter(b -> !b.passed()).map(b -> b.key() + " (" + b.path() + ")").toList();
      stairs.add(new Summary.Phases.BreakingPoint.Stair(stair.group(), stair.ratePerSec(), requests.count(),
          requests.errorPercent(), requests.ok().isEmpty() ? 0 : requests.ok().percentile(95), failed));
      if (failed.isEmpty() && brokeBy == null) {
        lastGood = stair;
      } else if (brokeBy == null) {
        brokeBy = causeOf(failed, requests);
      }
    }
    return new Summary.Phases.BreakingPoint(stairs, lastGood == null ? null : lastGood.group(),
        lastGood == null ? null : lastGood.ratePerSec(), brokeBy == null ? "did not break" : brokeBy,
        graceful(run.userRequestsUnder(List.of())));
  }

  private static String causeOf(List<String> failed, RowTally requests) {
    long rejections = requests.causes().entrySet().stream().filter(c -> ErrorClass.isRejection(c.getKey()))
        .mapToLong(c -> c.getValue()).sum();
    boolean errors = failed.stream().anyMatch(f -> f.contains("error-rate"));
    if (errors && rejections > 0) {
      return "errors (" + rejections + " rejections: 429/503)";
    }
    return errors ? "errors" : "latency";
  }

  /**
   * Every failure was a rejection (http 429 or 503), the way a service should shed load; a timeout, stall, drop,
   * truncation, refused connection, error event or anything else is not graceful.
   */
  private static boolean graceful(RowTally userRequests) {
    return userRequests.causes().keySet().stream().allMatch(ErrorClass::isRejection);
  }
}
