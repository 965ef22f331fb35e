package llmperf.support;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * How late this machine wakes a thread, measured while a timing test runs: a probe thread asks for 1 ms sleeps and
 * keeps the most any one overslept. On an idle machine that is tens of microseconds; with another program on a
 * core it is milliseconds, and an event loop reading a reply is as late. A timing bound adds what this measured in
 * the same run, so that it holds on a busy machine and stays tight on an idle one.
 */
public final class SchedulingNoise implements AutoCloseable {

  private static final long SLEEP_NANOS = 1_000_000L;

  private final AtomicLong worst = new AtomicLong();
  private final Thread probe;
  private volatile boolean running = true;

  private SchedulingNoise() {
    probe = new Thread(this::sample, "scheduling-noise");
    probe.setDaemon(true);
    probe.start();
  }

  public static SchedulingNoise start() {
    return new SchedulingNoise();
  }

  private void sample() {
    while (running) {
      long before = System.nanoTime();
      LockSupport.parkNanos(SLEEP_NANOS);
      worst.accumulateAndGet(System.nanoTime() - before - SLEEP_NANOS, Math::max);
    }
  }

  /** The worst oversleep so far, in nanoseconds (0 before the first sample). */
  public long maxNanos() {
    return worst.get();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    probe.join(1_000);
  }
}
