package llmperf.profiles;

import java.util.OptionalDouble;

/**
 * The Capacity simulation's search for the highest arrival rate at which every budget holds. It brackets first: from
 * the start rate it doubles while probes hold (up to the max rate), or halves while they break (down to
 * {@link #MAX_HALVINGS} halvings); then it bisects the bracket until its width is within the precision. It decides
 * the next rate only: the caller runs each probe and tells the outcome back.
 */
public final class RateSearch {

  /** How far below the start rate the search looks for a rate that holds: start / 2^4. */
  static final int MAX_HALVINGS = 4;

  private final Profiles.Capacity settings;
  private Double highestHeld;
  private Double lowestBroken;
  private boolean outOfTime;

  public RateSearch(Profiles.Capacity settings) {
    this.settings = settings;
  }

  /** The rate to probe next, or empty when the search is over ({@link #stopReason()} says why). */
  public OptionalDouble next() {
    if (highestHeld == null && lowestBroken == null) {
      return OptionalDouble.of(settings.startRate());
    }
    if (highestHeld == null) {
      double half = rounded(lowestBroken / 2);
      return half >= settings.startRate() / (1 << MAX_HALVINGS) ? OptionalDouble.of(half) : OptionalDouble.empty();
    }
    if (lowestBroken == null) {
      return highestHeld >= settings.maxRate() ? OptionalDouble.empty()
          : OptionalDouble.of(Math.min(rounded(highestHeld * 2), settings.maxRate()));
    }
    double middle = rounded((highestHeld + lowestBroken) / 2);
    boolean narrowEnough = lowestBroken - highestHeld <= settings.precision() * highestHeld;
    return narrowEnough || middle <= highestHeld || middle >= lowestBroken ? OptionalDouble.empty()
        : OptionalDouble.of(middle);
  }

  /**
   * Whether another probe, as long as the longest so far (at least warm-up + probe), would end past
   * capacity.max-duration, {@code elapsedMs} into the search: then the search is over, and says so.
   */
  public boolean noRoomForAnotherProbe(long elapsedMs, long longestProbeMs) {
    long nextProbeMs = Math.max(longestProbeMs, settings.probeLoad().toMillis());
    outOfTime = outOfTime || elapsedMs + nextProbeMs > settings.maxDuration().toMillis();
    return outOfTime;
  }

  /** Tells the outcome of the probe at {@code rate}: whether every budget held there. */
  public void probed(double rate, boolean held) {
    if (held) {
      highestHeld = highestHeld == null ? rate : Math.max(highestHeld, rate);
    } else {
      lowestBroken = lowestBroken == null ? rate : Math.min(lowestBroken, rate);
    }
  }

  /** The highest rate that held, or null when none did. */
  public Double highestHeld() {
    return highestHeld;
  }

  /** The lowest rate that broke, or null when none did. */
  public Double lowestBroken() {
    return lowestBroken;
  }

  /** Why the search ended (or would end now): one phrase for the sign-off. */
  public String stopReason() {
    if (outOfTime && next().isPresent()) {
      return "its time ran out (capacity.max-duration = " + settings.maxDuration().toSeconds()
          + " s) before the bracket was within " + Rates.shown(settings.precision() * 100) + " %";
    }
    if (highestHeld == null) {
      return "no rate held, down to " + Rates.shown(lowestBroken) + " users/s";
    }
    if (lowestBroken == null) {
      return "the max rate held (capacity.max-rate = " + Rates.shown(settings.maxRate()) + " users/s)";
    }
    return "the bracket is within " + Rates.shown(settings.precision() * 100) + " % (capacity.precision)";
  }

  /** Rates in hundredths of a user per second: enough for any search, and tidy in group names. */
  private static double rounded(double rate) {
    return Math.round(rate * 100) / 100.0;
  }
}
