package llmperf.signoff.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import llmperf.budgets.BudgetCheck;
import llmperf.budgets.Thresholds;
import llmperf.signoff.log.SimulationLogReader;

/**
 * Judges a run from its simulation.log: every budget (the one verdict of the run, which fails the build), and what
 * Gatling's report cannot tell: errors by cause, windows, recovery, drift, breaking point, baseline deltas, the
 * target's own resources.
 */
public final class RunAnalysis {

  private RunAnalysis() {}

  /** Reads the simulation.log once, into a tally whose memory does not grow with the run's length, and judges it. */
  public static Summary summarize(Path simulationLog, RunPlan plan, String gitCommit, Baseline baseline)
      throws IOException {
    RunTally run = new RunTally(plan.windowMs(), plan.spike(), plan.scaling());
    SimulationLogReader.read(simulationLog, run);
    return summarize(run, plan, gitCommit, baseline);
  }

  static Summary summarize(RunTally run, RunPlan plan, String gitCommit, Baseline baseline) {
    Statistics statistics = new Statistics(run);
    BudgetJudge judge = new BudgetJudge(run);
    List<Summary.BudgetResult> budgets = new ArrayList<>();
    for (BudgetCheck check : plan.checks()) {
      if (!check.budget().key().startsWith(Thresholds.REGRESSION_PREFIX)) {
        budgets.add(judge.judge(check));
      }
    }
    Summary.Comparison comparison = BaselineComparison.of(run, plan, baseline);
    budgets.addAll(BaselineComparison.budgets(comparison, plan.checks()));
    if (plan.spike() != null) {
      budgets.add(judge.peakErrors(plan.spike()));
    }
    if (plan.expectedJourneys() > 0) {
      budgets.add(judge.throughput(plan.expectedJourneys(), plan.thresholds()));
    }
    Summary.Phases.Scaling scaling = plan.scaling() == null ? null : ScalingSteps.of(run, plan.scaling());
    if (scaling != null) {
      budgets.addAll(ScalingSteps.budgets(scaling, plan.thresholds().scaling()));
    }
    List<Summary.Window> windows = Windows.of(run, plan.windowChecks());
    Summary.Resources resources = TargetResources.of(plan.resources(), run.start(), run.end(), windows);
    budgets.addAll(TargetResources.budgets(resources, plan.resourceBudgets()));
    Summary.Phases phases = new Summary.Phases(
        plan.spike() == null ? null : Recovery.of(plan.spike(), windows),
        plan.soak() ? Drift.of(run, windows, plan) : null,
        plan.stairs().isEmpty() ? null : BreakingPoint.of(run, judge, plan.stairs()),
        scaling, plan.capacity());
    StreamingAnalysis streams = new StreamingAnalysis(run, statistics,
        plan.streamTallies(), plan.truthTallies());
    Summary.Run described = new Summary.Run(plan.simulation(), plan.scale(), plan.target(), gitCommit, run.start(),
        run.end(), "index.html", run.warmUpRequests(), plan.resends().requests(), plan.resends().resent());
    List<String> reasons = reasons(plan.aborted(), budgets, phases, comparison);
    List<Summary.Streaming> streaming = streams.streaming();
    return new Summary(described, reasons.isEmpty(), reasons, budgets, statistics.rows(), streaming,
        streams.audio(), comparison, windows, phases,
        GeneratorVerdict.of(plan.generator(), streaming, plan.checks()), ErrorCauses.of(run), resources,
        ConversationTurns.of(plan.conversations()),
        ServerLatencyAnalysis.of(plan.resources(), run.start(), run.end()));
  }

  /** The load generator's longest event-loop stall in the run, 0 when it was not watched. */
  static double generatorLagMaxMs(RunPlan plan) {
    return plan.generator() == null ? 0 : plan.generator().lagMaxMs();
  }

  private static List<String> reasons(String aborted, List<Summary.BudgetResult> budgets, Summary.Phases phases,
      Summary.Comparison comparison) {
    List<String> reasons = new ArrayList<>();
    if (aborted != null) {
      reasons.add(aborted);
    }
    budgets.stream().filter(b -> !b.passed())
        .forEach(b -> reasons.add(b.describe()));
    if (phases.recovery() != null && !phases.recovery().passed()) {
      Summary.Phases.Recovery recovery = phases.recovery();
      reasons.add("spike recovery: " + (recovery.notJudged() != null ? recovery.notJudged()
          : recovery.recoveryMs() == null ? "never recovered" : recovery.recoveryMs() + " ms")
          + " (limit " + recovery.budgetMs() + " ms)");
    }
    if (phases.drift() != null && !phases.drift().passed()) {
      reasons.add("soak drift: " + phases.drift().verdict());
    }
    if (phases.capacity() != null && !phases.capacity().found()) {
      reasons.add("capacity: " + phases.capacity().stoppedBy());
    }
    if (comparison.status().equals(ChangeInterval.NOT_JUDGED)) {
      reasons.add("baseline comparison: not judged: " + comparison.note());
    }
    return reasons;
  }
}
