package llmperf.metrics;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import llmperf.clock.MonotonicClock;

/**
 * Watches the load generator while it runs, so that a figure bent by the generator itself is flagged rather than
 * trusted: how late a task scheduled on each of Gatling's event loops runs (event-loop lag: every timing the suite
 * takes waits that long too), the JVM's share of the machine's CPU, time spent in garbage collection, and open file
 * descriptors (connections) against their limit.
 */
public final class GeneratorMonitor {

  /** Lag past this delays every timing by as much: the limit the sign-off holds the lag's p99 to. */
  public static final long LAG_LIMIT_MS = 10;
  /** A lag tick per loop this often: fine enough for a 10 ms line, cheap enough to be noise. */
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  /** Seconds whose ticks are counted apart, from the first: a day, about 2 MiB. */
  private static final int SECONDS_KEPT = 86_400;
  private static final long SAMPLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final MicrosHistogram lag = new MicrosHistogram();
  /** Per epoch second: the ticks that ran in it, and those late by more than {@link #LAG_LIMIT_MS}. */
  private final Map<Long, long[]> ticksBySecond = new HashMap<>();
  /** The pending lag tick of each loop. */
  private final Map<EventExecutor, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
  /** CPU, GC and descriptors are read on a thread of their own: listing descriptors must not hold up a loop. */
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "generator-monitor");
    thread.setDaemon(true);
    return thread;
  });
  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final long gcAtStart = gcMillis();
  private final long startedAt = MonotonicClock.epochNanos();
  private double maxCpu;
  private double cpuSum;
  private long cpuSamples;
  private long maxOpenFiles;
  private volatile boolean stopped;

  /** Starts ticking on every loop of {@code loops} (Gatling's), and samples CPU, GC and descriptors once a second. */
  public synchronized void start(EventExecutorGroup loops) {
    if (!pending.isEmpty()) {
      return;
    }
    for (EventExecutor loop : loops) {
      tick(loop, MonotonicClock.epochNanos() + TICK_NANOS);
    }
    sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_NANOS, TimeUnit.NANOSECONDS);
  }

  private void tick(EventExecutor loop, long due) {
    if (stopped) {
      return;
    }
    pending.put(loop, loop.schedule(() -> {
      long now = MonotonicClock.epochNanos();
      synchronized (this) {
        lag.add((now - due) / 1000);
        countInSecond(now, now - due);
      }
      tick(loop, now + TICK_NANOS);
    }, Math.max(0, due - MonotonicClock.epochNanos()), TimeUnit.NANOSECONDS));
  }

  private void countInSecond(long nowNanos, long lagNanos) {
    long second = nowNanos / 1_000_000_000L;
    long[] counts = ticksBySecond.get(second);
    if (counts == null && ticksBySecond.size() < SECONDS_KEPT) {
      counts = new long[2];
      ticksBySecond.put(second, counts);
    }
    if (counts != null) {
      counts[0]++;
      counts[1] += lagNanos > LAG_LIMIT_MS * 1_000_000 ? 1 : 0;
    }
  }

  private synchronized void sample() {
    double cpu = os.getProcessCpuLoad();
    if (cpu >= 0) {
      maxCpu = Math.max(maxCpu, cpu);
      cpuSum += cpu;
      cpuSamples++;
    }
    if (os instanceof UnixOperatingSystemMXBean unix) {
      maxOpenFiles = Math.max(maxOpenFiles, unix.getOpenFileDescriptorCount());
    }
  }

  /** Stops every tick: the run is over. */
  public void stop() {
    stopped = true;
    pending.values().forEach(task -> task.cancel(false));
    pending.clear();
    sampler.shutdownNow();
  }

  /** What the generator went through so far. */
  public synchronized Health health() {
    sample();
    double seconds = Math.max(1, MonotonicClock.epochNanos() - startedAt) / 1e9;
    long gc = gcMillis() - gcAtStart;
    long limit = os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    List<LateTicks> perSecond = new ArrayList<>();
    new TreeMap<>(ticksBySecond).forEach((second, counts) -> perSecond.add(new LateTicks(second, counts[0],
        counts[1])));
    return new Health(lag.count(), lag.percentile(50) / 1000, lag.percentile(99) / 1000, lag.max() / 1000.0,
        cpuSamples == 0 ? 0 : cpuSum / cpuSamples, maxCpu, gc, 100.0 * gc / 1000 / seconds, maxOpenFiles, limit,
        Runtime.getRuntime().availableProcessors(), null, perSecond);
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
  }

  /**
   * @param lagTicks how many lag ticks ran
   * @param lagP50Ms event-loop lag, median; lagP99Ms, lagMaxMs likewise
   * @param cpuMean the generator JVM's share of the machine's CPU (0..1, all cores), mean of 1 s samples
   * @param gcMillis time in garbage collection during the run; gcPercent its share of the run
   * @param openFilesMax the most file descriptors open at once (sockets included); openFilesLimit the process limit
   * @param schedule how the open-model journeys kept their schedule, or null for a run with none
   * @param lagSeconds the lag ticks of each second, in order: when in the run the generator was late
   */
  public record Health(long lagTicks, double lagP50Ms, double lagP99Ms, double lagMaxMs, double cpuMean,
      double cpuMax, long gcMillis, double gcPercent, long openFilesMax, long openFilesLimit, int cores,
      ScheduleTally.Figures schedule, List<LateTicks> lagSeconds) {

    public Health(long lagTicks, double lagP50Ms, double lagP99Ms, double lagMaxMs, double cpuMean, double cpuMax,
        long gcMillis, double gcPercent, long openFilesMax, long openFilesLimit, int cores) {
      this(lagTicks, lagP50Ms, lagP99Ms, lagMaxMs, cpuMean, cpuMax, gcMillis, gcPercent, openFilesMax, openFilesLimit,
          cores, null, List.of());
    }

    public Health withSchedule(ScheduleTally.Figures figures) {
      return new Health(lagTicks, lagP50Ms, lagP99Ms, lagMaxMs, cpuMean, cpuMax, gcMillis, gcPercent, openFilesMax,
          openFilesLimit, cores, figures, lagSeconds);
    }
  }

  /** The lag ticks of one second (from the epoch): how many ran, how many of them later than {@link #LAG_LIMIT_MS}. */
  public record LateTicks(long epochSecond, long ticks, long late) {}
}
