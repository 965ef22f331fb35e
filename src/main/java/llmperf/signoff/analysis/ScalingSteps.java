package llmperf.signoff.analysis;

import java.util.List;
import llmperf.budgets.Thresholds;

/**
 * Storytailor's scalability thresholds, the high step against the low one: its p95 may rise by so much, its
 * throughput fall short of the low step's scaled by the users by so much, its error rate rise by so many points;
 * and its scaling efficiency, (throughput high / throughput low) / (users high / users low), must reach the minimum.
 * Throughput is the OK requests a user saw that ended within the step's planned length from its first request,
 * per second: failures are not work done, and the journeys still running after the step would lower the high
 * step's figure more than the low one's.
 */
final class ScalingSteps {

  private ScalingSteps() {}

  static Summary.Phases.Scaling of(RunTally run, RunPlan.Scaling plan) {
    Summary.Phases.Scaling.Step low = step(run, plan.lowGroup(), plan.lowUsers());
    Summary.Phases.Scaling.Step high = step(run, plan.highGroup(), plan.highUsers());
    Double efficiency = low.perSecond() > 0 && high.count() > 0
        ? 100.0 * (high.perSecond() / low.perSecond()) / ((double) high.users() / low.users()) : null;
    return new Summary.Phases.Scaling(List.of(low, high), efficiency);
  }

  private static Summary.Phases.Scaling.Step step(RunTally run, String group, int users) {
    RowTally requests = run.userRequestsUnder(List.of(group));
    return new Summary.Phases.Scaling.Step(group, users, requests.count(), requests.errorPercent(),
        run.stepThroughput(group), requests.ok().isEmpty() ? 0 : requests.ok().percentile(95));
  }

  /** The four budgets, each failed and saying why when a step had no OK request. */
  static List<Summary.BudgetResult> budgets(Summary.Phases.Scaling scaling, Thresholds.Scaling limits) {
    Summary.Phases.Scaling.Step low = scaling.steps().get(0);
    Summary.Phases.Scaling.Step high = scaling.steps().get(1);
    String path = high.group() + " against " + low.group();
    String notJudged = low.p95() == 0 || high.p95() == 0
        ? "no OK request in " + (low.p95() == 0 ? low.group() : high.group()) : null;
    Double degradation = notJudged != null ? null : 100.0 * (high.p95() - low.p95()) / low.p95();
    Double shortfall = scaling.efficiencyPercent() == null ? null : 100 - scaling.efficiencyPercent();
    double increase = high.errorPercent() - low.errorPercent();
    return List.of(
        atMost(Thresholds.RESPONSE_TIME_DEGRADATION, path, limits.responseTimeDegradation(), degradation, "%",
            notJudged),
        atMost(Thresholds.THROUGHPUT_DEGRADATION, path, limits.throughputDegradation(), shortfall, "%", notJudged),
        atMost(Thresholds.ERROR_RATE_INCREASE, path, limits.errorRateIncrease(), increase, "points", null),
        new Summary.BudgetResult(Thresholds.MIN_SCALING_EFFICIENCY, path, "min", limits.minEfficiency(),
            scaling.efficiencyPercent(), "%", scaling.efficiencyPercent() != null
            && scaling.efficiencyPercent() >= limits.minEfficiency(), notJudged));
  }

  private static Summary.BudgetResult atMost(String key, String path, double limit, Double actual, String unit,
      String notJudged) {
    return new Summary.BudgetResult(key, path, "max", limit, actual, unit, actual != null && actual <= limit,
        notJudged);
  }
}
