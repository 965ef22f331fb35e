package llmperf.run;

import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import llmperf.budgets.BudgetAssertions;
import llmperf.budgets.JourneyRows;
import llmperf.journeys.Journey;
import llmperf.journeys.MixChain;
import llmperf.profiles.Profiles;
import llmperf.safety.SecretMasking;
import llmperf.signoff.Baseline;
import llmperf.signoff.RunPlanRecorder;

/**
 * Base of every simulation: settings validated and target up before the subclass builds its setUp, and what a
 * simulation is made of: the scale's profiles, the configured mix, the budgets as assertions. What the sign-off
 * must judge beyond the assertions (phases, throughput, stairs) is told to {@link #signOff}.
 */
public abstract class LlmSimulation extends Simulation {

  protected final SuiteRun run = SuiteRun.open(getClass().getSimpleName());
  protected final Profiles profiles = run.config().profiles();
  private final Map<String, Journey> journeys = run.journeys();
  private final Map<String, Journey> mixed = MixChain.included(run.config().mix(), journeys);
  protected final RunPlanRecorder signOff = new RunPlanRecorder(getClass().getSimpleName(), profiles.scale(),
      run.target().embedded() ? "embedded reference target" : SecretMasking.mask(run.target().baseUrl()),
      run.config().budgets(), rows(mixed.values()), Baseline.load(getClass().getSimpleName(), profiles.scale()));

  {
    run.signOffAtExit(getClass().getSimpleName(),
        () -> signOff.plan(run.streams().talliesByGroup(), run.truthByGroup(), run.generatorHealth()));
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

  /** Users that each draw {@code times} journeys from the mix, one after the other, inside a group. */
  protected ScenarioBuilder mixRepeatedIn(String scenarioName, String groupName, int times) {
    return scenario(scenarioName).exec(group(groupName).on(repeat(times).on(MixChain.of(run.config().mix(), journeys))));
  }

  /** Every budget as an assertion on the mixed journeys of the whole run. */
  protected List<Assertion> budgets() {
    return budgetsOf(List.of(), mixed.values());
  }

  /** Every budget as an assertion on the mixed journeys run inside {@code groupName}. */
  protected List<Assertion> budgetsIn(String groupName) {
    return budgetsOf(List.of(groupName), mixed.values());
  }

  /** The budgets of the journeys that {@code draws} draws from the mix run inside {@code groupName}. */
  protected List<Assertion> budgetsOfDraws(String groupName, int draws) {
    return budgetsOf(List.of(groupName), MixChain.drawnBy(run.config().mix(), journeys, draws).values());
  }

  /** The budgets of these journeys under a group prefix, and their regression checks; listed on the console. */
  protected List<Assertion> budgetsOf(List<String> groupPrefix, Collection<Journey> ofJourneys) {
    RunPlanRecorder.Asserted asserted = signOff.budgets(groupPrefix, rows(ofJourneys));
    print("Budgets" + (groupPrefix.isEmpty() ? "" : " in " + String.join(" / ", groupPrefix)) + ":", asserted);
    return BudgetAssertions.of(asserted.checks());
  }

  /** Smoke asserts zero errors and that every budget's row ran: the sign-off judges the same. */
  protected List<Assertion> zeroErrorsAndEveryBudgetedRow(Collection<Journey> ofJourneys) {
    RunPlanRecorder.Asserted asserted = signOff.zeroErrorsAndEveryBudgetedRow(rows(ofJourneys));
    print("Budgets: zero errors, and every row a budget names runs:", asserted);
    List<Assertion> assertions = new ArrayList<>();
    assertions.add(BudgetAssertions.zeroErrors());
    assertions.addAll(BudgetAssertions.presence(asserted.rowPaths()));
    return assertions;
  }

  private static void print(String heading, RunPlanRecorder.Asserted asserted) {
    System.out.println(heading);
    asserted.lines().forEach(line -> System.out.println("  " + line));
  }

  private static List<JourneyRows> rows(Collection<Journey> ofJourneys) {
    return ofJourneys.stream().map(Journey::rows).toList();
  }

  @Override
  public void after() {
    run.close();
  }
}
