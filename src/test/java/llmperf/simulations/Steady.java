package llmperf.simulations;

import llmperf.config.Profiles;
import llmperf.profiles.LoadShapes;
import llmperf.run.LlmSimulation;

/** Ramp, then a constant arrival rate (Poisson with scales.*.steady.poisson): budgets hold at normal load. */
public class Steady extends LlmSimulation {

  {
    Profiles.Steady steady = profiles.steady();
    judgeThroughput(Math.round(steady.rate() * (steady.ramp().toMillis() / 2.0 + steady.duration().toMillis()) / 1000));
    setUp(mix("steady").injectOpen(LoadShapes.steady(steady)))
        .protocols(run.httpProtocol())
        .maxDuration(profiles.maxDuration())
        .assertions(budgets());
  }
}
