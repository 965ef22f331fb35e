package llmperf.suite.simulations;

import java.util.List;
import llmperf.suite.load.LoadShapes;
import llmperf.suite.run.LlmSimulation;

/** Long constant load: budgets hold throughout (drift between first and last window is judged by the sign-off). */
public class Soak extends LlmSimulation {

  {
    signOff.judgeDrift();
    signOff.analyseInWindowsOf(profiles.soak().window());
    judgeBudgets();
    setUp(afterWarmUp(List.of(mixArriving("soak", LoadShapes.soak(profiles.soak())))))
        .protocols(run.httpProtocol())
        .maxDuration(profiles.maxDuration());
  }
}
