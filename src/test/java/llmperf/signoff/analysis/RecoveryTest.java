package llmperf.signoff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recovery is the start of the first window after which every window stays within budget, judged on latency too. */
class RecoveryTest {

  private static final RunPlan.Spike SPIKE = new RunPlan.Spike(10_000, 20_000, 22_000, 30_000, 5);

  /** Five-second windows from the start; {@code within} per window, all of them judging latency unless said. */
  private static List<Summary.Window> windows(boolean latencyJudged, boolean... within) {
    List<Summary.Window> windows = new ArrayList<>();
    for (int i = 0; i < within.length; i++) {
      windows.add(new Summary.Window(i * 5_000L, (i + 1) * 5_000L, 20, within[i] ? 0 : 5, within[i] ? 0 : 25, 80, 120,
          within[i], latencyJudged));
    }
    return windows;
  }

  @Test
  void aGoodWindowFollowedByABadOneIsNotRecovery() {
    // Peak ends at 20 s: windows from 20 s are good, bad, good, good.
    Summary.Phases.Recovery recovery = Recovery.of(SPIKE, windows(true, true, true, false, false, true, false, true, true));
    assertEquals(10_000L, recovery.recoveryMs(), "from 20 s to the window starting at 30 s, not the one at 20 s");
    assertTrue(recovery.passed());
  }

  @Test
  void aRunWhoseLastWindowIsBadNeverRecovered() {
    Summary.Phases.Recovery recovery = Recovery.of(SPIKE, windows(true, true, true, false, false, true, true, false));
    assertNull(recovery.recoveryMs());
    assertFalse(recovery.passed());
  }

  @Test
  void windowsThatJudgedNoLatencyBudgetFailAsNotJudged() {
    Summary.Phases.Recovery recovery = Recovery.of(SPIKE, windows(false, true, true, true, true, true, true));
    assertFalse(recovery.passed());
    assertTrue(recovery.notJudged().startsWith("not judged: no window after the peak had 5 OK samples"),
        recovery.notJudged());
  }
}
