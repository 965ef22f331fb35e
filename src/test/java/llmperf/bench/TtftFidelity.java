package llmperf.bench;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import java.time.Duration;
import llmperf.suite.endpoints.OpenAiEndpoints;
import llmperf.metrics.StreamFormat;
import llmperf.profiles.LoadSchedule;
import llmperf.profiles.Profiles;
import llmperf.suite.run.LlmSimulation;
import llmperf.server.LatencyModel;
import llmperf.server.TargetSettings;

/**
 * How faithfully the suite measures TTFT: N concurrent streamed completions of one fixed prompt (N users, each
 * streaming one reply after the other for {@code fidelity.seconds}) against the reference server, whose planned
 * TTFT is known exactly and whose own record of every reply the sign-off holds the suite's figures to. Give the
 * server enough slots that nothing queues: {@code mvn gatling:test -Dgatling.simulationClass=llmperf.bench.TtftFidelity
 * -Dfidelity.streams=50 -Dembedded-target.generation.slots=2000}; README's benchmark script runs it against the
 * server alone on its own core. {@link GatlingSseFidelity} sends the same requests through Gatling's own SSE.
 */
public class TtftFidelity extends LlmSimulation {

  /** The group of the measured replies, and of those of the warm-up before them (which the sign-off leaves out). */
  static final String MEASURED = "fidelity";
  static final String WARM_UP = Profiles.WarmUp.GROUP;
  static final String PROMPT = "Tell me a story.";
  static final int MAX_TOKENS = 64;

  {
    int streams = Integer.getInteger("fidelity.streams", 50);
    Duration duration = Duration.ofSeconds(Long.getLong("fidelity.seconds", 20));
    Duration warmUp = Duration.ofSeconds(Long.getLong("fidelity.warm-up-seconds", 10));
    TargetSettings target = run.config().embeddedTarget();
    // The server counts every message's content, the system message included.
    double configuredMs = new LatencyModel(target).prefillNanos(
        OpenAiEndpoints.STORY_SYSTEM_PROMPT.length() + PROMPT.length(), target.faults()) / 1e6;
    System.out.printf("TTFT fidelity: %d concurrent streams for %ds; configured TTFT %.1f ms (slots %d)%n",
        streams, duration.toSeconds(), configuredMs, target.slots());

    OpenAiEndpoints openAi = new OpenAiEndpoints(run.target());
    // N users, each streaming one reply after the other on its kept-alive connection: N concurrent streams. They
    // arrive over the warm-up, whose replies (JIT compilation, connections opening) report under their own group.
    ChainBuilder reply = exec(run.streams().sse(StreamFormat.OPENAI_SSE, OpenAiEndpoints.STORY_HEADERS,
        OpenAiEndpoints.STORY_BODY, openAi::storyStream));
    setUp(scenario("fidelity")
        .exec(run.watchGenerator())
        .exec(session -> session.set("prompt", PROMPT).set("max_tokens", MAX_TOKENS))
        .during(warmUp).on(group(WARM_UP).on(reply))
        .during(duration).on(group(MEASURED).on(reply))
        .exec(run.streams().closeConnections())
        .injectOpen(rampUsers(streams).during(LoadSchedule.atLeastOneSecond(warmUp.dividedBy(2)))))
        .protocols(run.httpProtocol())
        .maxDuration(warmUp.plus(duration).plusSeconds(60));
  }
}
