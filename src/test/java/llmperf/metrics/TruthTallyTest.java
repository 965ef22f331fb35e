package llmperf.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The comparison with the server's record counts what cannot be on one clock, and splits TTFT into its parts. */
class TruthTallyTest {

  private static final long MS = 1_000_000L;

  @Test
  void ttftIsReadDelayQueueWaitPrefillAndTheRest() {
    TruthTally tally = new TruthTally();
    tally.add(MS / 2, MS, 90 * MS, 2 * MS, 3 * MS, 82 * MS);
    assertEquals(1, tally.joined());
    assertEquals(0.5, tally.ttftError().p50(), 1e-9);
    assertEquals(2, tally.readDelay().p50(), 1e-9);
    assertEquals(3, tally.rest().p50(), 1e-9, "90 - 2 - 3 - 82");
    assertEquals(87.5, tally.serverTtft().p50(), 87.5 * 0.002, "90 ms seen by the suite, less the 2 ms before the"
        + " server read the request and the 0.5 ms the first content took to reach the suite");
    assertFalse(tally.otherProcess());
  }

  @Test
  void theSuiteSeeingSomethingBeforeTheServerDidItIsCountedAsClocksThatDisagree() {
    TruthTally tally = new TruthTally();
    tally.add(-MS, MS, 90 * MS, 2 * MS, 0, 82 * MS);
    assertEquals(1, tally.negative());
    TruthTally otherProcess = new TruthTally();
    otherProcess.addFromAnotherProcess(80 * MS, 83 * MS, 1000 * MS, 1001 * MS, 0, 82 * MS);
    assertEquals(1, otherProcess.negative(), "a TTFT shorter than the server's own");
    assertTrue(otherProcess.otherProcess());
  }

  @Test
  void prefixCacheHitsAndMissesKeepTheirTtftApart() {
    TruthTally tally = new TruthTally();
    tally.prefixCache(512, 40 * MS);
    tally.prefixCache(1024, 60 * MS);
    tally.prefixCache(0, 200 * MS);
    assertEquals(2, tally.prefixHits());
    assertEquals(1, tally.prefixMisses());
    assertEquals(200, tally.prefixMissTtft().p50(), 1);
    assertTrue(tally.prefixHitTtft().max() <= 60.1);
  }
}
