package llmperf.suite.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.util.List;
import llmperf.suite.journeys.Journey;
import llmperf.profiles.Profiles;
import llmperf.suite.run.LlmSimulation;

/**
 * RezNet's users holding conversations with an OpenAI-compatible server, closed model: scales.*.conversation users,
 * each holding one conversation (journeys.conversation.turns turns, each sending the whole history again) after
 * another. Judged by the conversation journey's budgets; the sign-off shows each turn's TTFT against its prompt's
 * length. Its requests use /v1 alone, so it runs against a bare OpenAI-compatible server as it is.
 */
public class Conversation extends LlmSimulation {

  static final String JOURNEY = "conversation";

  {
    Journey conversation = journey(JOURNEY);
    Profiles.Conversations load = profiles.conversations();
    judgeBudgetsOf(conversation);
    setUp(afterWarmUp(List.of(scenario("conversations").exec(conversation.chain())
        .injectClosed(constantConcurrentUsers(load.users()).during(load.duration())))))
        .protocols(run.httpProtocol())
        .maxDuration(profiles.maxDuration());
  }
}
