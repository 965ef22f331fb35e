package llmperf.run;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import llmperf.budgets.BudgetAssertions;
import llmperf.config.Budget;
import llmperf.config.Profiles;
import llmperf.journeys.Journey;
import llmperf.journeys.MixChain;
import llmperf.safety.SecretMasking;
import llmperf.signoff.Baseline;
import llmperf.signoff.RunPlan;

/**
 * Base of every simulation: settings validated and target up before the subclass builds its setUp, and the
 * pieces a simulation is made of: the scale's profiles, the configured mix, the budgets as assertions. What the
 * simulation asserts and the phases of its shape are recorded in a {@link RunPlan} for the sign-off.
 */
public abstract class LlmSimulation extends Simulation {

  private static final Duration DEFAULT_WINDOW = Duration.ofSeconds(5);

  protected final SuiteRun run = SuiteRun.open(getClass().getSimpleName());
  protected final Profiles profiles = run.config().profiles();
  private final Map<String, Journey> journeys = run.journeys();
  private final Map<String, Journey> mixed = MixChain.included(run.config().mix(), journeys);
  private final Baseline baseline = Baseline.load(getClass().getSimpleName(), profiles.scale());
  private final List<BudgetAssertions.Check> checks = new ArrayList<>();
  private final Set<List<String>> apiRows = new HashSet<>();
  private final List<RunPlan.Stair> stairs = new ArrayList<>();
  private Duration window = DEFAULT_WINDOW;
  private RunPlan.Spike spike;
  private boolean soak;
  private long expectedJourneys;

  {
    run.signOffAtExit(getClass().getSimpleName(), this::plan);
  }

  /** What this run set out to do, for the sign-off. */
  public RunPlan plan() {
    return new RunPlan(getClass().getSimpleName(), profiles.scale(),
        run.target().embedded() ? "embedded reference target" : SecretMasking.mask(run.target().baseUrl()),
        List.copyOf(checks), BudgetAssertions.of(run.config().budgets(), mixed.values(), List.of()).checks(),
        Set.copyOf(apiRows), window.toMillis(), spike, List.copyOf(stairs), soak,
        expectedJourneys, threshold("budgets.steady.min-throughput-percent", 95),
        threshold("budgets.regression.api-percent", 10), threshold("budgets.regression.ml-percent", 15),
        run.streams().talliesByGroup());
  }

  /** Every journey, each one its own scenario, for simulations that run each journey on its own. */
  protected Map<String, Journey> journeys() {
    return journeys;
  }

  /** Users that each draw one journey from the configured mix. */
  protected ScenarioBuilder mix(String scenarioName) {
    return scenario(scenarioName).exec(MixChain.of(run.config().mix(), journeys));
  }

  /** The mix inside a group, so that the budgets of one part of the run (a stair, a level) can be asserted. */
  protected ScenarioBuilder mixIn(String scenarioName, String groupName) {
    return scenario(scenarioName).exec(group(groupName).on(MixChain.of(run.config().mix(), journeys)));
  }

  /** Every budget as an assertion on the mixed journeys of the whole run. */
  protected List<Assertion> budgets() {
    return budgetsOf(List.of(), mixed.values());
  }

  /** Every budget as an assertion on the mixed journeys run inside {@code groupName}. */
  protected List<Assertion> budgetsIn(String groupName) {
    return budgetsOf(List.of(groupName), mixed.values());
  }

  /**
   * The budgets of these journeys under a group prefix, plus a regression assertion on every budgeted row the
   * stored baseline of this simulation and scale measured well enough; listed on the console.
   */
  protected List<Assertion> budgetsOf(List<String> groupPrefix, Collection<Journey> ofJourneys) {
    BudgetAssertions budgets = BudgetAssertions.of(run.config().budgets(), ofJourneys, groupPrefix);
    for (Journey journey : ofJourneys) {
      journey.restRequests().forEach(request -> apiRows.add(path(groupPrefix, journey.name(), request)));
    }
    List<Assertion> assertions = new ArrayList<>(budgets.assertions());
    List<BudgetAssertions.Check> all = new ArrayList<>(budgets.checks());
    List<String> lines = new ArrayList<>(budgets.describe());
    if (baseline != null) {
      for (BudgetAssertions.Check regression : regressionChecks(budgets.checks())) {
        long limit = Math.round(regression.budget().limit());
        assertions.add(details(regression.path().toArray(String[]::new)).responseTime().percentile(95)
            .lt((int) limit));
        all.add(regression);
        lines.add(regression.budget().key() + ": p95 < " + limit + " ms (baseline " + baseline.savedFrom() + ")  ->  "
            + regression.pathText());
      }
    }
    checks.addAll(all);
    System.out.println("Budgets" + (groupPrefix.isEmpty() ? "" : " in " + String.join(" / ", groupPrefix)) + ":");
    lines.forEach(line -> System.out.println("  " + line));
    return assertions;
  }

  private List<BudgetAssertions.Check> regressionChecks(List<BudgetAssertions.Check> budgetChecks) {
    List<BudgetAssertions.Check> regressions = new ArrayList<>();
    Set<List<String>> seen = new HashSet<>();
    for (BudgetAssertions.Check check : budgetChecks) {
      if (check.path().isEmpty() || !check.budget().isLatency() || !seen.add(check.path())) {
        continue;
      }
      baseline.rows().stream()
          .filter(row -> row.path().equals(check.path()) && row.count() >= 30)
          .findFirst()
          .ifPresent(row -> {
            boolean api = apiRows.contains(check.path());
            String key = api ? "budgets.regression.api-percent" : "budgets.regression.ml-percent";
            double threshold = threshold(key, api ? 10 : 15);
            long allowed = Baseline.allowedP95(row.p95(), threshold);
            regressions.add(new BudgetAssertions.Check(
                new Budget(key, List.of("regression"), "p95", allowed + 1), check.path()));
          });
    }
    return regressions;
  }

  private double threshold(String key, double fallback) {
    return run.config().budgets().stream().filter(b -> b.key().equals(key)).mapToDouble(Budget::limit)
        .findFirst().orElse(fallback);
  }

  private static List<String> path(List<String> prefix, String group, String request) {
    List<String> path = new ArrayList<>(prefix);
    path.add(group);
    path.add(request);
    return path;
  }

  /** budgets.spike.recovery: how long after a spike the budgets must hold again. */
  protected Duration allowedRecovery() {
    return run.config().budgets().stream()
        .filter(budget -> budget.key().equals("budgets.spike.recovery"))
        .map(budget -> Duration.ofMillis(Math.round(budget.limit())))
        .findFirst()
        .orElse(Duration.ofSeconds(30));
  }

  /** Width of the sign-off's per-window analysis. */
  protected void analyseInWindowsOf(Duration width) {
    this.window = width;
  }

  /** The sign-off measures recovery from {@code peakEnd} (from the run's start) against the allowed time. */
  protected void judgeRecoveryAfter(Duration peakEnd, Duration allowed) {
    this.spike = new RunPlan.Spike(peakEnd.toMillis(), allowed.toMillis());
  }

  /** The sign-off compares the first and last windows for drift. */
  protected void judgeDrift() {
    this.soak = true;
  }

  /** The sign-off checks that the run completed this many journeys (95 % by default: budgets.steady). */
  protected void judgeThroughput(long journeysAtTargetRate) {
    this.expectedJourneys = journeysAtTargetRate;
  }

  /** The sign-off judges this stair's budgets on their own, to find the breaking point. */
  protected void judgeStair(String groupName, double ratePerSec) {
    stairs.add(new RunPlan.Stair(groupName, ratePerSec,
        BudgetAssertions.of(run.config().budgets(), mixed.values(), List.of(groupName)).checks()));
  }

  /** Smoke asserts zero errors and that every budget's row ran: the sign-off judges the same. */
  protected List<Assertion> zeroErrorsAndEveryBudgetedRow(Collection<Journey> ofJourneys) {
    BudgetAssertions budgets = BudgetAssertions.of(run.config().budgets(), ofJourneys, List.of());
    checks.add(new BudgetAssertions.Check(
        new Budget("zero errors", List.of("all"), "error-rate-percent", Double.MIN_VALUE), List.of()));
    System.out.println("Budgets: zero errors, and every row a budget names runs:");
    budgets.describe().forEach(line -> System.out.println("  " + line));
    return all(List.of(global().failedRequests().count().is(0L)), budgets.presence());
  }

  protected static List<Assertion> all(List<Assertion> first, List<Assertion> second) {
    List<Assertion> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  @Override
  public void after() {
    run.close();
  }
}
