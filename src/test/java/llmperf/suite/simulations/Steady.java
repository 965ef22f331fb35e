package llmperf.suite.simulations;

import java.util.List;
import llmperf.profiles.LoadSchedule;
import llmperf.suite.load.LoadShapes;
import llmperf.suite.run.LlmSimulation;

/** Ramp, then a constant arrival rate (Poisson with scales.*.steady.poisson): budgets hold at normal load. */
public class Steady extends LlmSimulation {

  {
    signOff.judgeThroughput(LoadSchedule.expectedJourneys(profiles.steady()));
    judgeBudgets();
    setUp(afterWarmUp(List.of(mixArriving("steady", LoadShapes.steady(profiles.steady())))))
        .protocols(run.httpProtocol())
        .maxDuration(profiles.maxDuration());
  }
}
