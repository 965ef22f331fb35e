package llmperf.suite.capacity;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import llmperf.profiles.Profiles;
import llmperf.profiles.Rates;
import llmperf.suite.gatling.InjectionPlans;
import llmperf.suite.run.LlmSimulation;

/**
 * The mix arriving at one rate, as the Capacity search probes it and as the Capacity run then holds it: a warm-up at
 * that rate (under the group the sign-off leaves out), then, with no pause between them, the measured load in a group
 * of its own, whose budgets the sign-off judges.
 */
public abstract class HeldRate extends LlmSimulation {

  /** Replies still queued when the load ends may wait their stream timeout: a run is over this soon after its load. */
  private static final Duration DRAIN = Duration.ofSeconds(15);

  /** The group the measured load reports under: "6.5 users/s". */
  static String groupOf(double rate) {
    return Rates.shown(rate) + " users/s";
  }

  protected void hold(String scenarioName, double rate) {
    Profiles.Capacity capacity = profiles.capacity();
    String group = groupOf(rate);
    List<PopulationBuilder> populations = new ArrayList<>();
    List<OpenInjectionStep> measured = new ArrayList<>();
    if (!capacity.warmUp().isZero()) {
      populations.add(mixIn(scenarioName + " warm-up", Profiles.WarmUp.GROUP)
          .injectOpen(constantUsersPerSec(rate).during(capacity.warmUp())));
      measured.add(nothingFor(capacity.warmUp()));
    }
    measured.add(constantUsersPerSec(rate).during(capacity.probe()));
    // A short probe at a low rate draws only some journeys of the mix: the budgets of those it draws are judged.
    judgeBudgetsOfDraws(group, InjectionPlans.offsetsMillis(measured).length);
    populations.add(mixInArriving(scenarioName, group, measured));
    Duration bound = capacity.probeLoad().plus(DRAIN);
    setUp(populations)
        .protocols(run.httpProtocol())
        .maxDuration(bound.compareTo(profiles.maxDuration()) < 0 ? bound : profiles.maxDuration());
  }
}
