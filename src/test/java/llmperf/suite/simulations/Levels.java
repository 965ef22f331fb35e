package llmperf.suite.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;

import io.gatling.javaapi.core.PopulationBuilder;
import java.util.List;
import java.util.Map;
import llmperf.profiles.LoadSchedule;
import llmperf.profiles.Profiles;
import llmperf.suite.run.LlmSimulation;

/**
 * T3's load levels as closed-model runs, one after the other: so many concurrent users, each making so many
 * mixed requests. Every level but the last ("stress", T3's breaking-point analysis) must meet every budget of
 * the journeys it draws (a small level draws only some of them).
 */
public class Levels extends LlmSimulation {

  {
    List<Map.Entry<String, Profiles.Level>> levels = LoadSchedule.levelsBySize(profiles.levels());
    PopulationBuilder chain = null;
    for (Map.Entry<String, Profiles.Level> entry : levels) {
      String name = entry.getKey();
      Profiles.Level level = entry.getValue();
      PopulationBuilder population = mixRepeatedIn("level " + name, name, level.requests())
          .injectOpen(atOnceUsers(level.users()));
      chain = chain == null ? population : chain.andThen(population);
      if (entry != levels.get(levels.size() - 1)) {
        judgeBudgetsOfDraws(name, level.draws());
      }
    }
    setUp(afterWarmUp(List.of(chain)))
        .protocols(run.httpProtocol())
        .maxDuration(profiles.maxDuration());
  }
}
