package llmperf.bench;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/** The counters of one concurrency level, shared by its workers. */
final class LevelCounters {

  /** One stream sent during the measurement window and completed, as the client saw it. */
  private record StreamSample(double ttftMillis, double configuredTtftMillis) {}

  final int concurrency;
  /** Measurement window: [windowStartNanos, stopNanos). */
  final long windowStartNanos;
  final long stopNanos;
  final CountDownLatch workersDone;
  final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  /** Streams sent in the window and completed without error, whenever they completed. */
  private final Queue<StreamSample> samples = new ConcurrentLinkedQueue<>();
  /** Streams and tokens that completed or arrived within the window: the throughput. */
  private final LongAdder completedInWindow = new LongAdder();
  final LongAdder tokensInWindow = new LongAdder();
  /** Errors of the whole level, warm-up and drain included: a sustained level has none. */
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  /** Set at the drain deadline: the streams cut then are counted once, there, not as they close. */
  private volatile boolean abandoned;

  LevelCounters(int concurrency, long startNanos, Duration warmup, Duration duration) {
    this.concurrency = concurrency;
    this.windowStartNanos = startNanos + warmup.toNanos();
    this.stopNanos = startNanos + duration.toNanos();
    this.workersDone = new CountDownLatch(concurrency);
  }

  boolean inWindow(long nanos) {
    return nanos >= windowStartNanos && nanos < stopNanos;
  }

  void completed(long sentNanos, long endNanos, double ttftMillis, double configuredTtftMillis) {
    if (inWindow(endNanos)) {
      completedInWindow.increment();
    }
    if (inWindow(sentNanos)) {
      samples.add(new StreamSample(ttftMillis, configuredTtftMillis));
    }
  }

  void error(String kind) {
    if (!abandoned) {
      errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }
  }

  /** Past the drain deadline: the workers still running (mid-stream or about to retry) count as errors. */
  void abandon() {
    errors.computeIfAbsent("unfinished at the drain deadline", k -> new LongAdder())
        .add(workersDone.getCount());
    abandoned = true;
    channels.close();
  }

  LevelResult summarize(CpuSample start, CpuSample end) {
    double window = (end.nanos() - start.nanos()) / 1e9;
    double processCpu = (end.processCpuNanos() - start.processCpuNanos()) / 1e9 / window;
    double machineCpu = end.machineLoad() * Runtime.getRuntime().availableProcessors();
    double[] ttft = samples.stream().mapToDouble(StreamSample::ttftMillis).sorted().toArray();
    double configured = samples.stream().mapToDouble(StreamSample::configuredTtftMillis).average()
        .orElse(Double.NaN);
    Map<String, Long> kinds = new TreeMap<>();
    errors.forEach((kind, count) -> kinds.put(kind, count.sum()));
    return new LevelResult(concurrency, completedInWindow.sum(), completedInWindow.sum() / window,
        tokensInWindow.sum() / window, percentile(ttft, 50), percentile(ttft, 95), percentile(ttft, 99),
        configured, kinds.values().stream().mapToLong(Long::longValue).sum(), kinds,
        (end.serverCpuNanos() - start.serverCpuNanos()) / 1e9 / window,
        (end.clientCpuNanos() - start.clientCpuNanos()) / 1e9 / window, processCpu,
        Math.max(0, machineCpu - processCpu));
  }

  /** Nearest-rank percentile of sorted values. */
  private static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
