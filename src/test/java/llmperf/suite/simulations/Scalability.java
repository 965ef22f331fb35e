package llmperf.suite.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;

import io.gatling.javaapi.core.PopulationBuilder;
import java.util.List;
import llmperf.profiles.Profiles;
import llmperf.suite.run.LlmSimulation;

/**
 * Storytailor's scalability validation, closed model: the mix at the low step's concurrent users, then at the high
 * step's; the high step is judged against the low one (p95 degradation, throughput shortfall, error-rate increase,
 * scaling efficiency: budgets.scalability), and the whole run's error rate.
 */
public class Scalability extends LlmSimulation {

  {
    Profiles.Scalability steps = profiles.scalability();
    String low = steps.low().group("low");
    String high = steps.high().group("high");
    PopulationBuilder lowStep = mixIn("scalability " + low, low)
        .injectClosed(constantConcurrentUsers(steps.low().users()).during(steps.low().duration()));
    PopulationBuilder highStep = mixIn("scalability " + high, high)
        .injectClosed(constantConcurrentUsers(steps.high().users()).during(steps.high().duration()));
    signOff.judgeScaling(low, steps.low().users(), steps.low().duration(), high, steps.high().users(),
        steps.high().duration());
    judgeErrorRate();
    setUp(afterWarmUp(List.of(lowStep.andThen(highStep))))
        .protocols(run.httpProtocol())
        .maxDuration(profiles.maxDuration());
  }
}
