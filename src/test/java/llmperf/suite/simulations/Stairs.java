package llmperf.suite.simulations;

import io.gatling.javaapi.core.PopulationBuilder;
import java.util.ArrayList;
import java.util.List;
import llmperf.profiles.Profiles;
import llmperf.profiles.LoadSchedule;
import llmperf.suite.load.LoadShapes;
import llmperf.suite.run.LlmSimulation;

/**
 * A staircase of arrival rates, each stair reported under its own group ("stair 2 (6 users/s)") so that the
 * budgets can be judged stair by stair. The first stair must meet every budget; the highest stair that does is
 * the breaking point (Stress) or the sustainable capacity (Capacity).
 */
abstract class Stairs extends LlmSimulation {

  protected void climb(String name, Profiles.Stairs stairs) {
    signOff.analyseInWindowsOf(stairs.stepDuration().dividedBy(4));
    List<PopulationBuilder> stairPopulations = new ArrayList<>();
    for (int index = 0; index < stairs.steps(); index++) {
      String group = LoadSchedule.stairGroup(stairs, index);
      signOff.judgeStair(group, LoadSchedule.stairRate(stairs, index));
      stairPopulations.add(mixInArriving(name + " " + group, group, LoadShapes.stair(stairs, index)));
    }
    judgeBudgetsIn(LoadSchedule.stairGroup(stairs, 0));
    setUp(afterWarmUp(stairPopulations))
        .protocols(run.httpProtocol())
        .maxDuration(profiles.maxDuration());
  }
}
