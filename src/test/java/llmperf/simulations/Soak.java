package llmperf.simulations;

import llmperf.profiles.LoadShapes;
import llmperf.run.LlmSimulation;

/** Long constant load: budgets hold throughout (drift between first and last window is judged by the sign-off). */
public class Soak extends LlmSimulation {

  {
    signOff.judgeDrift();
    signOff.analyseInWindowsOf(profiles.soak().window());
    setUp(mix("soak").injectOpen(LoadShapes.soak(profiles.soak())))
        .protocols(run.httpProtocol())
        .maxDuration(profiles.maxDuration())
        .assertions(budgets());
  }
}
