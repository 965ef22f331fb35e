package llmperf.signoff;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import llmperf.budgets.Budget;
import llmperf.budgets.BudgetCheck;
import llmperf.budgets.BudgetPaths;
import llmperf.budgets.JourneyRows;
import llmperf.budgets.Regression;
import llmperf.budgets.Thresholds;
import llmperf.client.StreamClient;
import llmperf.metrics.ConversationTally;
import llmperf.metrics.GeneratorMonitor;
import llmperf.metrics.ReplyObjectives;
import llmperf.metrics.RowNames;
import llmperf.metrics.StreamTally;
import llmperf.metrics.TruthTally;
import llmperf.resources.ResourceSamples;
import llmperf.signoff.analysis.Baseline;
import llmperf.signoff.analysis.CapacitySearch;
import llmperf.signoff.analysis.RunPlan;

/**
 * Records, while a simulation builds its setUp, what the run sets out to do: which budgets it asserts on which
 * paths (regression checks on its baseline included) and which phases of its shape the sign-off must judge.
 */
public final class RunPlanRecorder {

  private static final Duration DEFAULT_WINDOW = Duration.ofSeconds(5);

  /** What one part of the run asserts: every check, and one console line each. */
  public record Asserted(List<BudgetCheck> checks, List<String> lines, Set<List<String>> rowPaths) {}

  private final String simulation;
  private final String scale;
  private final String target;
  private final List<Budget> budgets;
  private final Thresholds thresholds;
  private final Collection<JourneyRows> mixed;
  private final Baseline baseline;
  private final List<BudgetCheck> checks = new ArrayList<>();
  private final Set<List<String>> apiRows = new HashSet<>();
  private final List<RunPlan.Stair> stairs = new ArrayList<>();
  private Duration window = DEFAULT_WINDOW;
  private RunPlan.Spike spike;
  private boolean soak;
  private long expectedJourneys;
  private RunPlan.Scaling scaling;
  private CapacitySearch capacity;

  /**
   * @param mixed the journeys of the configured mix, which every window of the run is judged by
   * @param baseline the stored baseline of this simulation and scale, or null
   */
  public RunPlanRecorder(String simulation, String scale, String target, List<Budget> budgets,
      Collection<JourneyRows> mixed, Baseline baseline) {
    this.simulation = simulation;
    this.scale = scale;
    this.target = target;
    this.budgets = budgets;
    this.thresholds = Thresholds.of(budgets);
    this.mixed = List.copyOf(mixed);
    this.baseline = baseline;
  }

  public Thresholds thresholds() {
    return thresholds;
  }

  /**
   * The budgets of these journeys under a group prefix, plus a regression check on every budgeted row the
   * baseline measured well enough.
   */
  public Asserted budgets(List<String> groupPrefix, Collection<JourneyRows> journeys) {
    BudgetPaths paths = BudgetPaths.of(budgets, journeys, groupPrefix);
    for (JourneyRows journey : journeys) {
      journey.restRequests().forEach(request -> apiRows.add(BudgetPaths.path(groupPrefix, journey.name(), request)));
    }
    List<BudgetCheck> all = new ArrayList<>(paths.checks());
    List<String> lines = new ArrayList<>(paths.describe());
    if (baseline != null) {
      List<List<String>> figureRows = new ArrayList<>();
      for (JourneyRows journey : journeys) {
        Regression.FIGURE_ROWS.forEach(row -> figureRows.add(BudgetPaths.path(groupPrefix, journey.name(), row)));
      }
      for (BudgetCheck regression : Regression.checks(paths.checks(), figureRows, baseline.comparable(), apiRows,
          thresholds)) {
        all.add(regression);
        lines.add(regression.budget().key() + ": p95 change's 95 % interval not above +"
            + Math.round(regression.budget().limit()) + " % (baseline " + baseline.savedFrom() + ")  ->  "
            + regression.pathText());
      }
    }
    checks.addAll(all);
    return new Asserted(List.copyOf(all), List.copyOf(lines), paths.rowPaths());
  }

  /**
   * The whole run's error-rate budget alone (Scalability): its steps draw journeys for a time, not a known number of
   * them, so a row budget could name a row a short step never ran; the steps are judged against each other.
   */
  public Asserted errorRate() {
    List<BudgetCheck> global = BudgetPaths.of(budgets, mixed, List.of()).checks().stream()
        .filter(check -> check.path().isEmpty()).toList();
    checks.addAll(global);
    return new Asserted(global, global.stream().map(check -> check.budget().key() + " = "
        + BudgetCheck.limitText(check.budget()) + "  ->  " + check.pathText()).toList(), Set.of());
  }

  /** Zero errors, and that every row a budget of these journeys names ran (Smoke): no values judged. */
  public Asserted zeroErrorsAndEveryBudgetedRow(Collection<JourneyRows> journeys) {
    BudgetPaths paths = BudgetPaths.of(budgets, journeys, List.of());
    List<BudgetCheck> all = new ArrayList<>();
    all.add(new BudgetCheck(
        new Budget("zero errors", List.of("all"), "error-rate-percent", Double.MIN_VALUE), List.of()));
    paths.rowPaths().stream().sorted(Comparator.comparing(Object::toString))
        .forEach(path -> all.add(new BudgetCheck(new Budget("row ran", List.of("ran"), Budget.RAN, 1), path)));
    checks.addAll(all);
    return new Asserted(List.copyOf(all), paths.describe(), paths.rowPaths());
  }

  /**
   * What a reply whose rows are in {@code groupPath} ("chat-sse", "stair 2 / story") must meet to count as goodput:
   * the p95 budgets of its TTFT, ITL and end-to-end rows there (regression checks aside).
   */
  public ReplyObjectives goodputObjectives(String groupPath) {
    List<String> journey = List.of(groupPath.split(" / "));
    return new ReplyObjectives(limit(journey, RowNames.TTFT), limit(journey, RowNames.ITL),
        limit(journey, RowNames.END_TO_END));
  }

  private double limit(List<String> journey, String row) {
    List<String> path = new ArrayList<>(journey);
    path.add(row);
    return BudgetCheck.p95Limit(checks, path);
  }

  /** Width of the sign-off's per-window analysis. */
  public void analyseInWindowsOf(Duration width) {
    this.window = width;
  }

  /**
   * The sign-off judges a spike (times from the start of the measured load): the error rate of the requests started
   * in its surge against budgets.spike.peak-error-rate-percent, and the recovery from {@code peakEnd} against
   * budgets.spike.recovery.
   */
  public void judgeSpike(Duration surgeStart, Duration peakEnd, Duration surgeEnd) {
    this.spike = new RunPlan.Spike(surgeStart.toMillis(), peakEnd.toMillis(), surgeEnd.toMillis(),
        thresholds.spikeRecovery().toMillis(), thresholds.peakErrorRatePercent());
  }

  /** The sign-off compares the first and last windows for drift. */
  public void judgeDrift() {
    this.soak = true;
  }

  /** The sign-off checks that the run completed this share of these journeys (budgets.steady). */
  public void judgeThroughput(long journeysAtTargetRate) {
    this.expectedJourneys = journeysAtTargetRate;
  }

  /** The sign-off judges the high step against the low one (budgets.scalability). */
  public void judgeScaling(String lowGroup, int lowUsers, Duration lowDuration, String highGroup, int highUsers,
      Duration highDuration) {
    this.scaling = new RunPlan.Scaling(lowGroup, lowUsers, lowDuration.toMillis(), highGroup, highUsers,
        highDuration.toMillis());
  }

  /** The sign-off reports the search that chose this run's rate, and fails the run when it found none. */
  public void reportCapacitySearch(CapacitySearch search) {
    this.capacity = search;
  }

  /** The sign-off judges this stair's budgets on their own, to find the breaking point. */
  public void judgeStair(String groupName, double ratePerSec) {
    stairs.add(new RunPlan.Stair(groupName, ratePerSec, BudgetPaths.of(budgets, mixed, List.of(groupName)).checks()));
  }

  /**
   * @param streamTallies the stream figures the run counted, by group path
   * @param truthTallies the replies held against the server's record, by group path
   * @param generator how the load generator fared
   * @param aborted why the load was stopped early, or null
   * @param resources the target's resources sampled during the run
   * @param conversations the OK conversation turns, by group path
   * @param resends the run's streamed requests, and those re-sent after the server closed a kept-alive connection
   */
  public RunPlan plan(Map<String, StreamTally> streamTallies, Map<String, TruthTally> truthTallies,
      GeneratorMonitor.Health generator, String aborted, ResourceSamples resources,
      Map<String, ConversationTally> conversations, StreamClient.Resends resends) {
    return new RunPlan(simulation, scale, target, List.copyOf(checks),
        BudgetPaths.of(budgets, mixed, List.of()).checks(), Set.copyOf(apiRows), window.toMillis(), spike,
        List.copyOf(stairs), soak, expectedJourneys, thresholds, streamTallies, truthTallies, generator, aborted,
        scaling, resources, budgets.stream().filter(Budget::isResource).toList(), conversations,
        resends, capacity);
  }
}
