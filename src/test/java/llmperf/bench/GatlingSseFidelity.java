package llmperf.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import llmperf.config.SuiteConfig;
import llmperf.config.TargetConfig;
import llmperf.suite.endpoints.OpenAiEndpoints;
import llmperf.profiles.LoadSchedule;

/**
 * The requests of {@link TtftFidelity} through plain Gatling 3.15.1 {@code sse()} awaiting {@code [DONE]}: the
 * baseline the suite's own client is compared with, in the same benchmark run. Gatling reports the connect (time to
 * the response head) and the wait for [DONE]; it has no TTFT of its own. Aimed at the reference server run alone:
 * {@code -Dtarget.base-url=http://127.0.0.1:18080}.
 */
public class GatlingSseFidelity extends Simulation {

  {
    TargetConfig target = SuiteConfig.load().target();
    int streams = Integer.getInteger("fidelity.streams", 50);
    Duration duration = Duration.ofSeconds(Long.getLong("fidelity.seconds", 20));
    Duration warmUp = Duration.ofSeconds(Long.getLong("fidelity.warm-up-seconds", 10));
    OpenAiEndpoints openAi = new OpenAiEndpoints(target);
    ChainBuilder reply = exec(
        sse("story stream", "gatling").post(target.path("chat-completions"))
            .header("Authorization", "Bearer " + target.apiKey())
            .body(StringBody(openAi::storyStreamBody)).asJson()
            .await(target.streamTimeout()).on(sse.checkMessage("story body").matching(substring("[DONE]"))),
        sse("close", "gatling").close());
    setUp(scenario("gatling sse")
        .exec(session -> session.set("prompt", TtftFidelity.PROMPT).set("max_tokens", TtftFidelity.MAX_TOKENS))
        .during(warmUp).on(group(TtftFidelity.WARM_UP).on(reply))
        .during(duration).on(group(TtftFidelity.MEASURED).on(reply))
        .injectOpen(rampUsers(streams).during(LoadSchedule.atLeastOneSecond(warmUp.dividedBy(2)))))
        .protocols(http.baseUrl(target.baseUrl()).disableWarmUp())
        .maxDuration(warmUp.plus(duration).plusSeconds(60));
  }
}
