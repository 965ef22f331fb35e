package llmperf.profiles;

import java.time.Duration;
import java.util.Map;

/** The load profiles of one scale (ci, nightly, release). Rates are users per second; users are concurrent users. */
public record Profiles(
    String scale,
    Duration maxDuration,
    Duration thinkTime,
    WarmUp warmUp,
    Steady steady,
    Spike spike,
    Soak soak,
    Stairs stress,
    Capacity capacity,
    Map<String, Level> levels,
    Scalability scalability,
    Conversations conversations) {

  /**
   * The mix at {@code rate} new users per second for {@code duration} before the measured load, so that the JIT has
   * compiled the hot paths and the target's caches are warm; its requests run under the group {@link #GROUP} and the
   * sign-off leaves them out. A zero duration runs none.
   */
  public record WarmUp(Duration duration, double rate) {

    public static final String GROUP = "warm-up";

    public boolean runs() {
      return !duration.isZero();
    }
  }

  public record Steady(Duration ramp, double rate, Duration duration, boolean poisson) {}

  public record Spike(double baseRate, double peakRate, Duration ramp, Duration hold, Duration recoveryWindow) {}

  public record Soak(double rate, Duration duration, Duration window) {}

  public record Stairs(double startRate, double step, int steps, Duration stepDuration, Duration ramp) {}

  /**
   * The Capacity search ({@link RateSearch}): probes from the start rate up to at most the max rate, each a steady
   * run of its own (a warm-up at the probe's rate, then the probe measured), until the bracket between the highest
   * rate that held and the lowest that broke is within the precision, or the search has run for max-duration.
   *
   * @param precision the bracket's width relative to the rate that held, as a fraction (0.05 = 5 %)
   */
  public record Capacity(double startRate, double maxRate, double precision, Duration warmUp, Duration probe,
      Duration maxDuration) {

    /** How long one probe's load lasts. */
    public Duration probeLoad() {
      return warmUp.plus(probe);
    }
  }

  /**
   * Storytailor's scalability validation: two closed-model steps, so many concurrent users for so long each, the
   * high step judged against the low one (budgets.scalability).
   */
  public record Scalability(Step low, Step high) {

    public record Step(int users, Duration duration) {

      /** The group the step's journeys report under: "low (10 users)". */
      public String group(String name) {
        return name + " (" + users + " users)";
      }
    }
  }

  /** Closed model: so many users, each holding one conversation after another, for so long. */
  public record Conversations(int users, Duration duration) {}

  /** One of T3's closed-model levels: so many concurrent users, each making so many requests. */
  public record Level(int users, int requests) {

    /** Journeys the level draws from the mix in all. */
    public int draws() {
      return users * requests;
    }
  }
}
