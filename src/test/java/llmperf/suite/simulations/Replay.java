package llmperf.suite.simulations;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import llmperf.config.ReplaySettings;
import llmperf.suite.feeders.TracePrompts;
import llmperf.suite.journeys.Journey;
import llmperf.suite.journeys.Journeys;
import llmperf.suite.load.ReplaySchedule;
import llmperf.data.ReplayTrace;
import llmperf.suite.run.LlmSimulation;
import llmperf.suite.run.SuiteRun;

/**
 * A production trace replayed (replay.*): one user per request of a Mooncake-format trace, sent at its timestamp
 * divided by replay.speed (open model), a streamed OpenAI-compatible completion of a prompt synthesised from its
 * hash ids (shared ids, shared prefix) with max_tokens its output_length. Judged by the error rate and every request
 * of the trace completed; against the reference server the sign-off shows TTFT of prefix-cache hits and misses.
 */
public class Replay extends LlmSimulation {

  {
    ReplaySettings settings = run.config().replay();
    List<ReplayTrace.Request> trace = SuiteRun.orStop(() -> ReplayTrace.read(settings.trace()));
    List<ReplaySchedule.Arrival> arrivals = ReplaySchedule.arrivals(trace, settings.speed());
    Journey replay = run.replay(rows(trace, settings.blockTokens(), TracePrompts.charsPerToken(run.promptTokens())));
    signOff.judgeThroughput(trace.size());
    judgeErrorRate();
    setUp(List.of(scheduled(Journeys.REPLAY, scenario(Journeys.REPLAY).exec(replay.chain()),
        ReplaySchedule.injection(arrivals))))
        .protocols(run.httpProtocol())
        .maxDuration(profiles.maxDuration());
  }

  /** The trace's requests in order, each one's prompt synthesised when its user takes it. */
  private static Iterator<Map<String, Object>> rows(List<ReplayTrace.Request> trace, int blockTokens,
      double charsPerToken) {
    Iterator<ReplayTrace.Request> requests = trace.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return requests.hasNext();
      }

      @Override
      public Map<String, Object> next() {
        ReplayTrace.Request request = requests.next();
        return Map.of("prompt", TracePrompts.prompt(request.hashIds(), request.inputLength(), blockTokens,
            request.line(), charsPerToken), "max_tokens", request.outputLength());
      }
    };
  }
}
