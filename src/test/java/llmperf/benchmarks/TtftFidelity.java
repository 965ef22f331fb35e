package llmperf.benchmarks;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.time.Duration;
import llmperf.endpoints.OpenAiEndpoints;
import llmperf.metrics.StreamFormat;
import llmperf.run.LlmSimulation;
import llmperf.server.LatencyModel;
import llmperf.server.TargetSettings;

/**
 * How faithfully the suite measures TTFT: N concurrent streamed completions of one fixed prompt against the
 * embedded target, whose configured TTFT (prefill) is known exactly. Compare the report's "fidelity / ttft" row
 * with the configured value printed at the start. Give the target enough slots that nothing queues:
 * {@code mvn gatling:test -Dgatling.simulationClass=llmperf.benchmarks.TtftFidelity -Dfidelity.streams=50
 * -Dembedded-target.generation.slots=2000}.
 */
public class TtftFidelity extends LlmSimulation {

  private static final String PROMPT = "Tell me a story.";
  private static final int MAX_TOKENS = 64;

  {
    int streams = Integer.getInteger("fidelity.streams", 50);
    Duration duration = Duration.ofSeconds(Long.getLong("fidelity.seconds", 20));
    TargetSettings target = run.config().embeddedTarget();
    // The server counts every message's content, the system message included.
    double configuredMs = new LatencyModel(target).prefillNanos(
        OpenAiEndpoints.STORY_SYSTEM_PROMPT.length() + PROMPT.length(), target.faults()) / 1e6;
    System.out.printf("TTFT fidelity: %d concurrent streams for %ds; configured TTFT %.1f ms (slots %d)%n",
        streams, duration.toSeconds(), configuredMs, target.slots());

    OpenAiEndpoints openAi = new OpenAiEndpoints(run.target());
    setUp(scenario("fidelity")
        .exec(run.watchGenerator())
        .exec(group("fidelity").on(
            exec(session -> session.set("prompt", PROMPT).set("max_tokens", MAX_TOKENS))
                .exec(run.streams().sse(StreamFormat.OPENAI_SSE, OpenAiEndpoints.STORY_HEADERS, OpenAiEndpoints.STORY_BODY,
                    openAi::storyStream)))
            .exec(run.streams().closeConnections()))
        .injectClosed(constantConcurrentUsers(streams).during(duration)))
        .protocols(run.httpProtocol())
        .maxDuration(duration.plusSeconds(60));
  }
}
