package llmperf.signoff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import llmperf.profiles.Profiles;
import llmperf.signoff.log.GroupRecord;
import llmperf.signoff.log.LogHeader;
import llmperf.signoff.log.RequestRecord;
import llmperf.signoff.log.RunLog;
import llmperf.signoff.log.UserRecord;
import org.junit.jupiter.api.Test;

/** The one pass over a log: what it keeps of each record, where each lands, what it leaves out. */
class RunTallyTest {

  private static final long RUN_START = 1_700_000_000_000L;
  private static final List<String> CHAT = List.of("chat-sse");

  private static RequestRecord request(List<String> groups, String name, long startOffset, long durationMs,
      String failure) {
    return new RequestRecord(groups, name, RUN_START + startOffset, RUN_START + startOffset + durationMs,
        failure == null, failure);
  }

  private static RunTally tally(long windowMs, RunPlan.Spike spike, List<UserRecord> users, List<GroupRecord> groups,
      List<RequestRecord> requests) {
    return new RunLog(new LogHeader("Steady", "steady", RUN_START), requests, groups, users)
        .replayInto(new RunTally(windowMs, spike, null));
  }

  @Test
  void theWarmUpIsCountedAndLeftOutAndTheFiguresStartWithTheFirstMeasuredUser() {
    List<String> warmUp = List.of(Profiles.WarmUp.GROUP, "chat-sse");
    RunTally run = tally(5_000, null,
        List.of(new UserRecord(Profiles.WarmUp.GROUP, true, RUN_START), new UserRecord("steady", true, RUN_START + 3_000)),
        List.of(new GroupRecord(warmUp.subList(0, 1), RUN_START, RUN_START + 900, 900, true),
            new GroupRecord(CHAT, RUN_START + 3_000, RUN_START + 3_500, 500, true)),
        List.of(request(warmUp, "login", 0, 900, null), request(warmUp, "end-to-end", 100, 2_000, "http 500"),
            request(warmUp, "ttft", 100, 300, "http 500"), request(CHAT, "login", 3_000, 40, null)));
    assertEquals(2, run.warmUpRequests(), "the warm-up's login and reply, its TTFT row not a request of its own");
    assertEquals(RUN_START + 3_000, run.start());
    assertEquals(RUN_START + 3_040, run.end());
    assertEquals(List.of(List.of("chat-sse", "login")), List.copyOf(run.rows().keySet()));
    assertEquals(1, run.okJourneys());
    assertTrue(run.causes().isEmpty(), "the warm-up's failure is not the run's");
  }

  /** A request ending on a window's edge is in the next window: every request is in exactly one. */
  @Test
  void everyRequestLandsInTheWindowItEndedIn() {
    List<RequestRecord> requests = new ArrayList<>();
    for (long end = 0; end <= 20_000; end += 1_000) {
      requests.add(request(CHAT, "login", end - 10, 10, null));
    }
    RunTally run = tally(5_000, null, List.of(), List.of(), requests);
    List<Summary.Window> windows = Windows.of(run, List.of());
    assertEquals(List.of(5L, 5L, 5L, 5L, 1L), windows.stream().map(Summary.Window::count).toList());
    assertEquals(20_000, windows.get(4).startOffsetMs());
    assertEquals(20_001, windows.get(4).endOffsetMs(), "the last window ends with the run's last request");
  }

  /** The surge counts requests by their start; a failed reply's figure rows do not add to its failures. */
  @Test
  void theSurgeCountsTheRequestsThatStartedInIt() {
    RunPlan.Spike spike = new RunPlan.Spike(10_000, 20_000, 22_000, 30_000, 5);
    RunTally run = tally(5_000, spike, List.of(), List.of(), List.of(
        request(CHAT, "login", 9_999, 5_000, "http 503 busy"),
        request(CHAT, "end-to-end", 10_000, 900, "http 429: slow down"),
        request(CHAT, "ttft", 10_000, 100, "http 429: slow down"),
        request(CHAT, "login", 21_999, 10, null),
        request(CHAT, "login", 22_000, 10, "http 500")));
    assertEquals(2, run.surge().count());
    assertEquals(50.0, run.surge().errorPercent(), 1e-9);
    assertEquals(List.of("http 503", "http 429", "http 500"), List.copyOf(run.causes().keySet()));
    assertEquals(List.of(1L, 1L, 1L), run.causes().values().stream().map(RunTally.Cause::count).toList());
    assertEquals("http 429: slow down", run.causes().get("http 429").example());
    assertEquals(4, run.userRequestsUnder(List.of()).count());
    assertFalse(run.causes().containsKey("other"));
  }

  @Test
  void aCauseKeepsItsFirstMessageMaskedAndShort() {
    String key = "sk-" + "a".repeat(40);
    RunTally run = tally(5_000, null, List.of(), List.of(), List.of(
        request(CHAT, "login", 0, 10, "http 401 invalid key " + key + " " + "x".repeat(300)),
        request(CHAT, "login", 10, 10, "http 401 second")));
    RunTally.Cause cause = run.causes().get("http 401");
    assertEquals(2, cause.count());
    assertFalse(cause.example().contains(key), cause.example());
    assertTrue(cause.example().endsWith("...") && cause.example().length() <= 163, cause.example());
  }
}
