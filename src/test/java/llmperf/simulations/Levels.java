package llmperf.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import llmperf.config.Profiles;
import llmperf.journeys.MixChain;
import llmperf.run.LlmSimulation;

/**
 * T3's load levels as closed-model runs, one after the other: so many concurrent users, each making so many
 * mixed requests. Every level but the last ("stress", T3's breaking-point analysis) must meet every budget of
 * the journeys it draws (a small level draws only some of them).
 */
public class Levels extends LlmSimulation {

  {
    List<Map.Entry<String, Profiles.Level>> levels = new ArrayList<>(profiles.levels().entrySet());
    levels.sort(Map.Entry.comparingByValue((a, b) -> Integer.compare(a.users() * a.requests(), b.users() * b.requests())));
    PopulationBuilder chain = null;
    List<Assertion> assertions = new ArrayList<>();
    for (Map.Entry<String, Profiles.Level> level : levels) {
      String name = level.getKey();
      PopulationBuilder population = scenario("level " + name)
          .exec(group(name).on(repeatMix(level.getValue().requests())))
          .injectOpen(atOnceUsers(level.getValue().users()));
      chain = chain == null ? population : chain.andThen(population);
      if (!name.equals(levels.get(levels.size() - 1).getKey())) {
        int draws = level.getValue().users() * level.getValue().requests();
        assertions.addAll(budgetsOf(List.of(name), MixChain.drawnBy(run.config().mix(), journeys(), draws).values()));
      }
    }
    setUp(chain)
        .protocols(run.httpProtocol())
        .maxDuration(profiles.maxDuration())
        .assertions(assertions);
  }

  private ChainBuilder repeatMix(int requests) {
    return repeat(requests).on(MixChain.of(run.config().mix(), journeys()));
  }
}
