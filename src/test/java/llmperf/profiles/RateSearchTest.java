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
}
