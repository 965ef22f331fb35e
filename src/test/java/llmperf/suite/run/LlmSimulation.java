package llmperf.suite.run;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import llmperf.budgets.JourneyRows;
import llmperf.profiles.Profiles;
import llmperf.safety.SecretMasking;
import llmperf.signoff.RunPlanRecorder;
import llmperf.signoff.analysis.Baseline;
import llmperf.suite.gatling.InjectionPlans;
import llmperf.suite.journeys.Journey;
import llmperf.suite.journeys.MixChain;

/**
 * Base of every simulation: settings validated and target up before the subclass builds its setUp, and what a
 * simulation is made of: the scale's profiles, the configured mix, and the budgets the sign-off judges when the run
 * is over (it alone decides the verdict and fails the build). Phases, throughput and stairs are told to
 * {@link #signOff}.
 */
public abstract class LlmSimulation extends Simulation {

  protected final SuiteRun run = SuiteRun.open(getClass().getSimpleName());
  protected final Profiles profiles = run.config().profiles();
  private final Map<String, Journey> journeys = SuiteRun.orStop(run::journeys);
  private final Map<String, Journey> mixed = MixChain.included(run.config().mix(), journeys);
  protected final RunPlanRecorder signOff = new RunPlanRecorder(getClass().getSimpleName(), profiles.scale(),
      run.target().embedded() ? "embedded reference target" : SecretMasking.mask(run.target().baseUrl()),
      run.config().budgets(), rows(mixed.values()), Baseline.load(getClass().getSimpleName(), profiles.scale()));

  {
    run.streams().holdRepliesTo(signOff::goodputObjectives);
    run.signOffAtExit(getClass().getSimpleName(),
        () -> signOff.plan(run.streams().talliesByGroup(), run.truthByGroup(), run.generatorHealth(),
            run.abortReason(), run.resourceSamples(), run.streams().conversationsByGroup(), run.resends()));
  }

  /** A journey by its name in the mix, drawn by the mix or not, for a simulation that runs it alone. */
  protected Journey journey(String name) {
    return journeys.get(name);
  }

  /** The journeys the configured mix draws (a share above 0), for simulations that run each one on its own. */
  protected Map<String, Journey> mixedJourneys() {
    return mixed;
  }

  /**
   * The measured populations, started once the scale's warm-up (the mix under the group "warm-up", which the
   * sign-off leaves out) has ended; as they are when the scale has none.
   */
  protected List<PopulationBuilder> afterWarmUp(List<PopulationBuilder> measured) {
    Profiles.WarmUp warmUp = profiles.warmUp();
    if (!warmUp.runs()) {
      return measured;
    }
    return List.of(mixIn(Profiles.WarmUp.GROUP, Profiles.WarmUp.GROUP)
        .injectOpen(constantUsersPerSec(warmUp.rate()).during(warmUp.duration()))
        .andThen(measured));
  }

  /** Users that each draw one journey from the configured mix. */
  protected ScenarioBuilder mix(String scenarioName) {
    return scenario(scenarioName).exec(MixChain.of(run.config().mix(), journeys));
  }

  /** The mix inside a group, so that the budgets of one part of the run (a stair, a level) can be asserted. */
  protected ScenarioBuilder mixIn(String scenarioName, String groupName) {
    return scenario(scenarioName).exec(group(groupName).on(MixChain.of(run.config().mix(), journeys)));
  }

  /**
   * Users that each draw one journey from the mix, arriving as the open-model {@code steps} plan; each journey's start
   * is held to when Gatling's own plan made it due (the load generator's schedule delay, in the sign-off).
   */
  protected PopulationBuilder mixArriving(String scenarioName, List<OpenInjectionStep> steps) {
    return scheduled(scenarioName, mix(scenarioName), steps);
  }

  /** As {@link #mixArriving}, inside a group. */
  protected PopulationBuilder mixInArriving(String scenarioName, String groupName, List<OpenInjectionStep> steps) {
    return scheduled(scenarioName, mixIn(scenarioName, groupName), steps);
  }

  /**
   * {@code scenario}'s users arriving as the open-model {@code steps} plan, each journey's start held against when
   * Gatling's plan made it due; {@code scenarioName} must be the scenario's name.
   */
  protected PopulationBuilder scheduled(String scenarioName, ScenarioBuilder scenario, List<OpenInjectionStep> steps) {
    run.schedule().plan(scenarioName, InjectionPlans.offsetsMillis(steps));
    return scenario.injectOpen(steps);
  }

  /** Users that each draw {@code times} journeys from the mix, one after the other, inside a group. */
  protected ScenarioBuilder mixRepeatedIn(String scenarioName, String groupName, int times) {
    return scenario(scenarioName).exec(group(groupName).on(repeat(times).on(MixChain.of(run.config().mix(), journeys))));
  }

  /** The sign-off judges every budget on the mixed journeys of the whole run. */
  protected void judgeBudgets() {
    judgeBudgetsOf(List.of(), mixed.values());
  }

  /** The sign-off judges every budget on the mixed journeys run inside {@code groupName}. */
  protected void judgeBudgetsIn(String groupName) {
    judgeBudgetsOf(List.of(groupName), mixed.values());
  }

  /** The sign-off judges the budgets of the journeys that {@code draws} draws from the mix, inside {@code groupName}. */
  protected void judgeBudgetsOfDraws(String groupName, int draws) {
    judgeBudgetsOf(List.of(groupName), MixChain.drawnBy(run.config().mix(), journeys, draws).values());
  }

  /** The budgets of these journeys under a group prefix, and their regression checks; listed on the console. */
  private void judgeBudgetsOf(List<String> groupPrefix, Collection<Journey> ofJourneys) {
    print("Budgets" + (groupPrefix.isEmpty() ? "" : " in " + String.join(" / ", groupPrefix)) + ":",
        signOff.budgets(groupPrefix, rows(ofJourneys)));
  }

  /** The sign-off judges the budgets of this one journey over the whole run. */
  protected void judgeBudgetsOf(Journey journey) {
    judgeBudgetsOf(List.of(), List.of(journey));
  }

  /** The error rate of the whole run alone; the simulation judges its parts against each other (Scalability). */
  protected void judgeErrorRate() {
    print("Budgets:", signOff.errorRate());
  }

  /** Smoke: zero errors, and every row a budget of these journeys names ran at least once. */
  protected void judgeZeroErrorsAndEveryBudgetedRow(Collection<Journey> ofJourneys) {
    print("Budgets: zero errors, and every row a budget names runs:",
        signOff.zeroErrorsAndEveryBudgetedRow(rows(ofJourneys)));
  }

  /** Whether the budgets are listed on the console as they are set: not for runs nobody watches (a search's probes). */
  protected boolean listsBudgets() {
    return true;
  }

  private void print(String heading, RunPlanRecorder.Asserted asserted) {
    if (!listsBudgets()) {
      return;
    }
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
