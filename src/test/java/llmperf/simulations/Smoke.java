package llmperf.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.PopulationBuilder;
import java.util.List;
import llmperf.journeys.Journeys;
import llmperf.run.LlmSimulation;

/** Each journey once: the suite and the target work, with zero errors. */
public class Smoke extends LlmSimulation {

  {
    Journeys journeys = new Journeys(run.target());
    List<PopulationBuilder> onceEach = List.of(
        scenario("chat").exec(journeys.chat()).injectOpen(atOnceUsers(1)),
        scenario("story").exec(journeys.story()).injectOpen(atOnceUsers(1)),
        scenario("voice").exec(journeys.voice()).injectOpen(atOnceUsers(1)),
        scenario("personality").exec(journeys.personality()).injectOpen(atOnceUsers(1)),
        scenario("subtitles").exec(journeys.subtitles()).injectOpen(atOnceUsers(1)),
        scenario("enhance").exec(journeys.enhance()).injectOpen(atOnceUsers(1)),
        scenario("api keys").exec(journeys.apiKeys()).injectOpen(atOnceUsers(1)),
        scenario("health").exec(journeys.health()).injectOpen(atOnceUsers(1)));

    setUp(onceEach)
        .protocols(run.httpProtocol())
        .maxDuration(run.config().profiles().maxDuration())
        .assertions(global().failedRequests().count().is(0L));
  }
}
