package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.List;
import llmperf.gatling.Percentiles;
import llmperf.metrics.ErrorClass;
import llmperf.signoff.RunPlan;
import llmperf.signoff.Summary;
import llmperf.signoff.log.RequestRecord;

/** Stress and Capacity: every stair judged on its own budgets; the highest stair meeting all is the breaking point. */
final class BreakingPoint {

  private BreakingPoint() {}

  static Summary.Phases.BreakingPoint of(RunRecords run, BudgetJudge judge, List<RunPlan.Stair> planned) {
    List<Summary.Phases.BreakingPoint.Stair> stairs = new ArrayList<>();
    RunPlan.Stair lastGood = null;
    String brokeBy = null;
    for (RunPlan.Stair stair : planned) {
      List<RequestRecord> requests = run.userRequestsUnder(List.of(stair.group()));
      List<String> failed = stair.checks().stream().map(judge::judge)
          .filter(b -> !b.passed()).map(b -> b.key() + " (" + b.path() + ")").toList();
      long ko = requests.stream().filter(r -> !r.ok()).count();
      stairs.add(new Summary.Phases.BreakingPoint.Stair(stair.group(), stair.ratePerSec(), requests.size(),
          requests.isEmpty() ? 0 : 100.0 * ko / requests.size(),
          p95OfOk(requests), failed));
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

  private static long p95OfOk(List<RequestRecord> requests) {
    long[] ok = RunRecords.okDurations(requests);
    return ok.length == 0 ? 0 : Percentiles.of(ok, 95)[0];
  }

  private static String causeOf(List<String> failed, List<RequestRecord> requests) {
    long rejections = requests.stream()
        .filter(r -> !r.ok() && ErrorClass.isRejection(ErrorClass.causeOf(r.message()))).count();
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
  private static boolean graceful(List<RequestRecord> userRequests) {
    return userRequests.stream().filter(r -> !r.ok())
        .allMatch(r -> ErrorClass.isRejection(ErrorClass.causeOf(r.message())));
  }
}
