package llmperf.safety;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Stops a run against a dead target: every journey reports how it ended, and once at least {@link #MIN_JOURNEYS} ended
 * over the last window and the failed share reached the limit, the watch trips, once, and says why. Counted in
 * one-second buckets, so the memory is the window's seconds whatever the rate. Thread-safe.
 */
public final class AbortWatch {

  /** Fewer journeys than this in the window say nothing (the first users of a ramp). */
  public static final int MIN_JOURNEYS = 10;

  private final double limitPercent;
  private final int seconds;
  private final LongSupplier nowMs;
  private final long startMs;
  private final long[] ended;
  private final long[] failed;
  private final long[] secondOf;
  private String reason;

  public AbortWatch(double limitPercent, Duration window, LongSupplier nowMs) {
    this.limitPercent = limitPercent;
    this.seconds = Math.toIntExact(Math.max(1, window.toSeconds()));
    this.nowMs = nowMs;
    this.startMs = nowMs.getAsLong();
    this.ended = new long[seconds];
    this.failed = new long[seconds];
    this.secondOf = new long[seconds];
  }

  /** A journey ended, OK or not; returns whether the watch has tripped, now or before. */
  public synchronized boolean journeyEnded(boolean ok) {
    long now = nowMs.getAsLong();
    long second = (now - startMs) / 1000;
    int slot = (int) (second % seconds);
    if (secondOf[slot] != second) {
      secondOf[slot] = second;
      ended[slot] = 0;
      failed[slot] = 0;
    }
    ended[slot]++;
    failed[slot] += ok ? 0 : 1;
    if (reason == null) {
      long inWindow = 0;
      long failedInWindow = 0;
      for (int i = 0; i < seconds; i++) {
        if (second - secondOf[i] < seconds) {
          inWindow += ended[i];
          failedInWindow += failed[i];
        }
      }
      double percent = inWindow == 0 ? 0 : 100.0 * failedInWindow / inWindow;
      if (inWindow >= MIN_JOURNEYS && percent >= limitPercent) {
        long elapsed = (now - startMs) / 1000;
        reason = String.format("aborted at %02d:%02d: error rate %.0f %% over the last %ds (%d of %d journeys"
            + " failed; budgets.abort.error-rate-percent = %s)", elapsed / 60, elapsed % 60, percent, seconds,
            failedInWindow, inWindow, trimmed(limitPercent));
      }
    }
    return reason != null;
  }

  /** Why the run was stopped, or null while it was not. */
  public synchronized String reason() {
    return reason;
  }

  private static String trimmed(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
