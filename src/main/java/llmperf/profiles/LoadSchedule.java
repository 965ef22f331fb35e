package llmperf.profiles;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The timing arithmetic of the load shapes: when phases start and end, what each stair is, what a run yields. */
public final class LoadSchedule {

  private LoadSchedule() {}

  /** Journeys a steady run starts: half the rate over the ramp, then the rate over the hold. */
  public static long expectedJourneys(Profiles.Steady steady) {
    return Math.round(steady.rate() * (steady.ramp().toMillis() / 2.0 + steady.duration().toMillis()) / 1000);
  }

  /** When a spike's surge starts (the ramp up to the peak), from the start of the run. */
  public static Duration surgeStart(Profiles.Spike spike) {
    return spike.recoveryWindow();
  }

  /** When a spike's surge ends (the ramp back to base is over), from the start of the run. */
  public static Duration surgeEnd(Profiles.Spike spike) {
    return peakEnd(spike).plus(atLeastOneSecond(spike.ramp()));
  }

  /** When the peak of a spike ends (the ramp back to base starts), from the start of the run. */
  public static Duration peakEnd(Profiles.Spike spike) {
    return spike.recoveryWindow().plus(atLeastOneSecond(spike.ramp())).plus(spike.hold());
  }

  /** When the window after the allowed recovery time starts, from the start of the run. */
  public static Duration afterSpikeStart(Profiles.Spike spike, Duration allowedRecovery) {
    return peakEnd(spike).plus(atLeastOneSecond(spike.ramp())).plus(atLeastOneSecond(allowedRecovery));
  }

  public static double stairRate(Profiles.Stairs stairs, int index) {
    return stairs.startRate() + index * stairs.step();
  }

  /** The group a stair's journeys report under, e.g. "stair 3 (10 users/s)". */
  public static String stairGroup(Profiles.Stairs stairs, int index) {
    double rate = stairRate(stairs, index);
    return "stair " + (index + 1) + " (" + Rates.shown(rate) + " users/s)";
  }

  /** T3's levels from the smallest to the largest (users x requests), the order they run in. */
  public static List<Map.Entry<String, Profiles.Level>> levelsBySize(Map<String, Profiles.Level> levels) {
    List<Map.Entry<String, Profiles.Level>> bySize = new ArrayList<>(levels.entrySet());
    bySize.sort(Map.Entry.comparingByValue(Comparator.comparingInt(Profiles.Level::draws)));
    return bySize;
  }

  /** Gatling's ramps need a duration; phases shorter than a second are stretched to one. */
  public static Duration atLeastOneSecond(Duration duration) {
    return duration.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : duration;
  }
}
