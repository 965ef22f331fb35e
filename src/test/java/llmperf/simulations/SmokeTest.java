package llmperf.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import llmperf.signoff.log.RequestRecord;
import llmperf.signoff.log.RunLog;
import llmperf.support.GatlingRun;
import org.junit.jupiter.api.Test;

class SmokeTest {

  @Test
  void smokePassesAgainstTheHealthyEmbeddedTargetAndWritesGatlingsReport() throws IOException {
    GatlingRun.Outcome outcome = GatlingRun.run(Smoke.class, Map.of());
    assertEquals(GatlingRun.PASSED, outcome.exitCode());
    assertTrue(Files.isRegularFile(outcome.runFolder().resolve("index.html")));
    assertTrue(Files.isRegularFile(outcome.runFolder().resolve("simulation.log")));
    chatTtftStartsAtTheMessagesPost(RunLog.read(outcome.runFolder().resolve("simulation.log")));
  }

  /**
   * A chat reply is asked for by the message's POST and streamed by a later GET: the user waits from the POST, so
   * a platform that starts generating at the POST is not flattered by a TTFT counted from the GET.
   */
  private static void chatTtftStartsAtTheMessagesPost(RunLog log) {
    List<RequestRecord> posts = rows(log, "send message");
    List<RequestRecord> ttfts = rows(log, "ttft");
    List<RequestRecord> gets = rows(log, "reply headers");
    assertEquals(posts.size(), ttfts.size());
    for (int turn = 0; turn < posts.size(); turn++) {
      assertTrue(Math.abs(ttfts.get(turn).startEpochMs() - posts.get(turn).startEpochMs()) <= 2,
          "turn " + turn + ": TTFT from the POST");
      assertTrue(ttfts.get(turn).startEpochMs() < gets.get(turn).startEpochMs(), "turn " + turn + ": not from the GET");
    }
  }

  private static List<RequestRecord> rows(RunLog log, String name) {
    return log.requests().stream()
        .filter(r -> r.groups().equals(List.of("chat-sse")) && r.name().equals(name))
        .sorted(Comparator.comparingLong(RequestRecord::startEpochMs)).toList();
  }

  @Test
  void smokeFailsItsZeroErrorsAssertionWhenTheTargetFailsEveryRequest() {
    GatlingRun.Outcome outcome = GatlingRun.run(Smoke.class, Map.of("embedded-target.faults.error-rate", "1"));
    assertEquals(GatlingRun.ASSERTIONS_FAILED, outcome.exitCode());
  }
}
