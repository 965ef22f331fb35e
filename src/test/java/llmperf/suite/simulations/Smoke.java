package llmperf.suite.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.PopulationBuilder;
import java.util.List;
import llmperf.suite.run.LlmSimulation;

/**
 * Each journey of the mix once: the suite and the target work, zero errors, and every row a budget names exists. One cold
 * sample per row says nothing about percentiles, so Smoke checks the budgets' rows ran, not their values.
 */
public class Smoke extends LlmSimulation {

  {
    List<PopulationBuilder> eachJourneyOnce = mixedJourneys().values().stream()
        .map(journey -> scenario(journey.name()).exec(journey.chain()).injectOpen(atOnceUsers(1)))
        .toList();

    judgeZeroErrorsAndEveryBudgetedRow(mixedJourneys().values());
    setUp(eachJourneyOnce)
        .protocols(run.httpProtocol())
        .maxDuration(profiles.maxDuration());
  }
}
