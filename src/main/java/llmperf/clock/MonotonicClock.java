package llmperf.clock;

/**
 * The one clock every timing of the suite and of the reference server is taken from: nanoseconds since the epoch,
 * read from {@link System#nanoTime()} (monotonic: never steps back, not moved by NTP) and anchored to the wall
 * clock once per JVM, so that its readings are durations when subtracted and dates when printed.
 */
public final class MonotonicClock {

  private static final long ANCHOR_NANO_TIME = System.nanoTime();
  private static final long ANCHOR_EPOCH_NANOS = System.currentTimeMillis() * 1_000_000L;

  private MonotonicClock() {}

  /** Now, in nanoseconds since the epoch. */
  public static long epochNanos() {
    return ANCHOR_EPOCH_NANOS + (System.nanoTime() - ANCHOR_NANO_TIME);
  }

  /** A reading in whole epoch milliseconds, as Gatling's report rows take them. */
  public static long toEpochMillis(long epochNanos) {
    return Math.floorDiv(epochNanos, 1_000_000L);
  }
}
