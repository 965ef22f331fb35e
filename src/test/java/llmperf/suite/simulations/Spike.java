package llmperf.suite.simulations;

import java.time.Duration;
import java.util.List;
import llmperf.profiles.LoadSchedule;
import llmperf.suite.load.LoadShapes;
import llmperf.suite.run.LlmSimulation;

/**
 * Base rate, a jump to the peak, back to base. Errors must stay within budget over the whole run, and every
 * latency budget must hold again in the window that starts budgets.spike.recovery after the peak (its rows are
 * reported under the group "after the spike").
 */
public class Spike extends LlmSimulation {

  static final String AFTER_THE_SPIKE = "after the spike";

  {
    Duration allowedRecovery = signOff.thresholds().spikeRecovery();
    signOff.judgeSpike(LoadSchedule.surgeStart(profiles.spike()), LoadSchedule.peakEnd(profiles.spike()),
        LoadSchedule.surgeEnd(profiles.spike()));
    // Half the base window: wide enough that the busiest budgeted rows reach 5 samples at the base rate, so that
    // recovery is judged on latency too, not on errors alone.
    signOff.analyseInWindowsOf(profiles.spike().recoveryWindow().dividedBy(2));
    judgeBudgetsIn(AFTER_THE_SPIKE);
    setUp(afterWarmUp(List.of(
        mixArriving("spike", LoadShapes.spike(profiles.spike(), allowedRecovery)),
        mixInArriving(AFTER_THE_SPIKE, AFTER_THE_SPIKE,
            LoadShapes.afterSpike(profiles.spike(), allowedRecovery)))))
        .protocols(run.httpProtocol())
        .maxDuration(profiles.maxDuration());
  }
}
