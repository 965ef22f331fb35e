package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import llmperf.signoff.analysis.Summary;
import llmperf.suite.simulations.Replay;
import llmperf.support.GatlingRun;
import llmperf.support.SchedulingNoise;
import org.junit.jupiter.api.Test;

/**
 * The shipped sample trace replayed against the reference server: every request sent and OK, and the prefix cache
 * working as the client sees it: the replies whose prompt started with blocks seen before have the lower TTFT.
 */
class ReplayIT {

  @Test
  void theSampleTraceIsReplayedWholeAndPrefixCacheHitsComeFirstSooner() throws Exception {
    GatlingRun.Outcome outcome;
    double lateMs;
    try (SchedulingNoise noise = SchedulingNoise.start()) {
      outcome = GatlingRun.run(Replay.class, Map.of());
      lateMs = noise.maxNanos() / 1e6;
    }
    Summary summary = outcome.signOff();
    assertEquals(GatlingRun.PASSED, outcome.exitCode(), summary.reasons().toString());
    Summary.Streaming replay = summary.streaming().stream().filter(s -> s.journey().equals("replay")).findFirst()
        .orElseThrow(() -> new AssertionError("no replay row: " + summary.streaming()));
    assertEquals(40, replay.replies(), "every request of the trace");
    assertEquals(0, replay.failedReplies());
    Summary.PrefixCache cache = replay.truth().prefixCache();
    assertNotNull(cache, "the server's record says which replies hit its prefix cache");
    assertEquals(40, cache.hits() + cache.misses());
    assertTrue(cache.hits() >= 10 && cache.misses() >= 10, cache.toString());
    assertTrue(cache.hitTtft().p50() < cache.missTtft().p50(), cache.toString());
    Summary.Generator generator = summary.generator();
    assertTrue(generator.scheduleDelayP99Ms() < 10 + lateMs, "each request sent when the trace has it due, within"
        + " 10 ms and the machine's own wake-up lateness (" + lateMs + " ms): " + generator);
    assertEquals(100, generator.achievedRatePercent(), 3, generator.toString());
  }
}
