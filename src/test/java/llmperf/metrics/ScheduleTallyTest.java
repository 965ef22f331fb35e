package llmperf.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of schedule delay: each journey against its planned offset, rates per window, replies from due. */
class ScheduleTallyTest {

  private static final long MS = 1_000_000;
  /** Where the fake run's injection began, on the monotonic clock (ns). */
  private static final long T0 = 5_000 * MS;

  @Test
  void theLeastLateUserIsOnTimeAndEveryOtherIsLateByItsOwnMargin() {
    long[] offsets = {0, 100, 200, 300};
    long[] starts = {T0 + MS / 2, T0 + 100 * MS, T0 + 230 * MS, T0 + 301 * MS};
    assertArrayEquals(new long[] {MS / 2, 0, 30 * MS, MS}, ScheduleTally.delays(offsets, starts));
  }

  @Test
  void usersBeyondThePlanAreLeftOut() {
    assertEquals(1, ScheduleTally.delays(new long[] {0}, new long[] {T0, T0 + MS}).length);
  }

  @Test
  void delayPercentilesAndRatesOfARunWithOneStall() {
    ScheduleTally tally = new ScheduleTally(() -> T0 + 10_000 * MS);
    long[] offsets = new long[100]; // 20 users/s for 5 s
    for (int k = 0; k < offsets.length; k++) {
      offsets[k] = k * 50L;
    }
    tally.plan("steady", offsets);
    for (int k = 0; k < offsets.length; k++) {
      // users 38 to 40 (due at 1900, 1950, 2000 ms) wait out a stall and start at 2020 ms, in the next window
      long start = k >= 38 && k <= 40 ? 2_020 : offsets[k];
      tally.started("steady", 1000 + k, T0 + start * MS);
    }
    tally.started("warm-up", 1, T0);
    ScheduleTally.Figures figures = tally.figures();
    assertEquals(100, figures.planned());
    assertEquals(100, figures.started());
    assertEquals(0, figures.delayP50Ms());
    assertEquals(70, figures.delayP99Ms(), "the 99th of 100 delays: the second worst");
    assertEquals(120, figures.delayMaxMs());
    assertEquals(20, figures.requestedPerSec(), 1e-9);
    assertEquals(20, figures.achievedPerSec(), 1e-9);
    assertEquals(5, figures.windows().size());
    assertEquals(List.of(20L, 20L, 20L, 20L, 20L), figures.windows().stream().map(ScheduleTally.Window::due).toList());
    assertEquals(List.of(20L, 18L, 22L, 20L, 20L),
        figures.windows().stream().map(ScheduleTally.Window::started).toList());
    assertEquals(90, figures.lowestWindowPercent(), 1e-9);
  }

  @Test
  void theFirstReplyOfEachJourneyIsAlsoTimedFromWhenTheJourneyWasDue() {
    ScheduleTally tally = new ScheduleTally(() -> T0 + 10_000 * MS);
    tally.plan("steady", new long[] {0, 500});
    tally.started("steady", 1, T0);
    tally.started("steady", 2, T0 + 540 * MS);
    tally.replied("steady", 1, "story", 100 * MS, 900 * MS);
    tally.replied("steady", 2, "story", 100 * MS, 900 * MS);
    tally.replied("steady", 2, "story", 5 * MS, 5 * MS);
    tally.replied("closed", 7, "story", 5 * MS, 5 * MS);
    ScheduleTally.FromDue story = tally.figures().fromDue().get(0);
    assertEquals(new ScheduleTally.FromDue("story", 2, 100, 100, 100, 140, 900, 900, 900, 940), story);
  }

  @Test
  void usersNotDueWhenTheRunEndedAreNotCountedAsPlanned() {
    ScheduleTally tally = new ScheduleTally(() -> T0 + 1_500 * MS);
    tally.plan("steady", new long[] {0, 1000, 2000, 3000});
    tally.started("steady", 1, T0);
    tally.started("steady", 2, T0 + 1000 * MS);
    assertEquals(2, tally.figures().planned());
  }

  @Test
  void aRunWithNoOpenModelScheduleHasNoFigures() {
    assertNull(new ScheduleTally().figures());
  }
}
