package llmperf.run;

import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import llmperf.budgets.BudgetAssertions;
import llmperf.config.Budget;
import llmperf.config.Profiles;
import llmperf.journeys.Journey;
import llmperf.journeys.MixChain;

/**
 * Base of every simulation: settings validated and target up before the subclass builds its setUp, and the
 * pieces a simulation is made of: the scale's profiles, the configured mix, the budgets as assertions.
 */
public abstract class LlmSimulation extends Simulation {

  protected final SuiteRun run = SuiteRun.open();
  protected final Profiles profiles = run.config().profiles();
  private final Map<String, Journey> journeys = run.journeys();
  private final Map<String, Journey> mixed = MixChain.included(run.config().mix(), journeys);

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
    return budgetsOf(List.of(), mixed.values()).assertions();
  }

  /** Every budget as an assertion on the mixed journeys run inside {@code groupName}. */
  protected List<Assertion> budgetsIn(String groupName) {
    return budgetsOf(List.of(groupName), mixed.values()).assertions();
  }

  protected BudgetAssertions budgetsOf(List<String> groupPrefix, Collection<Journey> ofJourneys) {
    BudgetAssertions budgets = BudgetAssertions.of(run.config().budgets(), ofJourneys, groupPrefix);
    System.out.println("Budgets" + (groupPrefix.isEmpty() ? "" : " in " + String.join(" / ", groupPrefix)) + ":");
    budgets.describe().forEach(line -> System.out.println("  " + line));
    return budgets;
  }

  /** budgets.spike.recovery: how long after a spike the budgets must hold again. */
  protected Duration allowedRecovery() {
    return run.config().budgets().stream()
        .filter(budget -> budget.key().equals("budgets.spike.recovery"))
        .map(Budget::limit)
        .map(millis -> Duration.ofMillis(Math.round(millis)))
        .findFirst()
        .orElse(Duration.ofSeconds(30));
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
