package llmperf.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

class RateSearchTest {

  private static Profiles.Capacity settings(double start, double max, double precision) {
    return new Profiles.Capacity(start, max, precision, Duration.ofSeconds(1), Duration.ofSeconds(4),
        Duration.ofMinutes(5));
  }

  /** Runs the search against a target that holds every rate the predicate accepts; returns the rates probed. */
  private static List<Double> run(RateSearch search, DoublePredicate holds) {
    List<Double> probed = new ArrayList<>();
    for (OptionalDouble next = search.next(); next.isPresent(); next = search.next()) {
      double rate = next.getAsDouble();
      probed.add(rate);
      search.probed(rate, holds.test(rate));
      assertTrue(probed.size() < 50, "the search ends");
    }
    return probed;
  }

  @Test
  void bracketsByDoublingThenBisectsToThePrecision() {
    RateSearch search = new RateSearch(settings(2, 64, 0.05));
    List<Double> probed = run(search, rate -> rate <= 5.5);

    assertEquals(List.of(2.0, 4.0, 8.0, 6.0, 5.0, 5.5, 5.75), probed);
    assertEquals(5.5, search.highestHeld());
    assertEquals(5.75, search.lowestBroken());
    assertTrue(search.stopReason().contains("within 5 %"), search.stopReason());
  }

  @Test
  void halvesWhenTheStartRateBreaks() {
    RateSearch search = new RateSearch(settings(8, 64, 0.1));
    List<Double> probed = run(search, rate -> rate <= 3);

    assertEquals(List.of(8.0, 4.0, 2.0, 3.0, 3.5, 3.25), probed);
    assertEquals(3.0, search.highestHeld());
    assertEquals(3.25, search.lowestBroken());
  }

  @Test
  void stopsAtTheMaxRateWhenEverythingHolds() {
    RateSearch search = new RateSearch(settings(2, 12, 0.05));
    List<Double> probed = run(search, rate -> true);

    assertEquals(List.of(2.0, 4.0, 8.0, 12.0), probed);
    assertEquals(12.0, search.highestHeld());
    assertNull(search.lowestBroken());
    assertTrue(search.stopReason().contains("max rate held"), search.stopReason());
  }

  @Test
  void findsNothingWhenEvenASixteenthOfTheStartRateBreaks() {
    RateSearch search = new RateSearch(settings(16, 64, 0.05));
    List<Double> probed = run(search, rate -> false);

    assertEquals(List.of(16.0, 8.0, 4.0, 2.0, 1.0), probed);
    assertNull(search.highestHeld());
    assertEquals("no rate held, down to 1 users/s", search.stopReason());
  }

  @Test
  void ratesStayInHundredthsAndTheSearchEndsWhenTheBracketCannotSplit() {
    RateSearch search = new RateSearch(settings(0.01, 1, 0.005));
    List<Double> probed = run(search, rate -> rate < 0.015);

    assertEquals(0.01, search.highestHeld());
    assertEquals(0.02, search.lowestBroken());
    assertEquals(List.of(0.01, 0.02), probed, "0.015 is no rate in hundredths");
  }

  /** No probe starts that would end past max-duration: the search stops with what it has, saying why. */
  @Test
  void stopsWhenAnotherProbeWouldEndPastMaxDuration() {
    // 5 min for probes of 5 s (1 s warm-up, 4 s probe) that each took 60 s: room for five.
    RateSearch search = new RateSearch(settings(2, 64, 0.05));
    List<Double> probed = new ArrayList<>();
    long elapsedMs = 0;
    for (OptionalDouble next = search.next(); next.isPresent(); next = search.next()) {
      if (search.noRoomForAnotherProbe(elapsedMs, elapsedMs == 0 ? 0 : 60_000)) {
        break;
      }
      probed.add(next.getAsDouble());
      search.probed(next.getAsDouble(), next.getAsDouble() <= 5.5);
      elapsedMs += 60_000;
    }
    assertEquals(List.of(2.0, 4.0, 8.0, 6.0, 5.0), probed, "the sixth would end at 6 min");
    assertEquals(5.0, search.highestHeld());
    assertEquals("its time ran out (capacity.max-duration = 300 s) before the bracket was within 5 %",
        search.stopReason());
  }

  @Test
  void aSearchDoneInTimeSaysWhyItStoppedNotThatTimeRanOut() {
    RateSearch search = new RateSearch(settings(2, 4, 0.05));
    run(search, rate -> true);
    assertTrue(search.noRoomForAnotherProbe(301_000, 0));
    assertTrue(search.stopReason().contains("max rate held"), search.stopReason());
  }
}
