package llmperf.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The abort watch on a clock the test moves: when it trips, and when it must not. */
class AbortWatchTest {

  private long now = 1_000_000;
  private final AbortWatch watch = new AbortWatch(90, Duration.ofSeconds(10), () -> now);

  private void end(int journeys, boolean ok) {
    for (int i = 0; i < journeys; i++) {
      watch.journeyEnded(ok);
    }
  }

  @Test
  void tooFewJourneysSayNothing() {
    end(AbortWatch.MIN_JOURNEYS - 1, false);
    assertNull(watch.reason());
    assertTrue(watch.journeyEnded(false), "the tenth failure trips it");
  }

  @Test
  void aRateBelowTheLimitDoesNotTrip() {
    end(2, true);
    end(17, false);
    assertNull(watch.reason(), "17 of 19 is 89 %");
  }

  /** Once the OK journeys of the first seconds leave the window, the failures alone are left in it. */
  @Test
  void theWindowForgetsWhatIsOlderThanIt() {
    end(50, true);
    now += 5_000;
    end(40, false);
    assertNull(watch.reason(), "40 of 90 in the window");
    now += 6_000;
    end(1, false);
    String reason = watch.reason();
    assertEquals("aborted at 00:11: error rate 100 % over the last 10s (41 of 41 journeys failed;"
        + " budgets.abort.error-rate-percent = 90)", reason);
    now += 60_000;
    end(100, true);
    assertEquals(reason, watch.reason(), "it trips once and keeps why");
    assertFalse(reason.isEmpty());
  }
}
