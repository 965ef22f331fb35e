package llmperf.bench;

import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import llmperf.config.SuiteConfig;
import llmperf.server.EmbeddedTarget;
import llmperf.server.TargetSettings;

/**
 * How many concurrent SSE streams the embedded target serves on this machine while its time to first token
 * stays within 10 % of what it planned. Not a test: a rerunnable measurement,
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=llmperf.bench.StreamCapacityBenchmark}, optionally
 * with {@code -Dexec.args="--levels 50,100,200 --seconds 10 --warmup 2 --drain 10 --jvm-warmup 10"}.
 *
 * <p>The target runs with the default settings except an unbounded generation pool, so its simulated GPU never
 * queues and any TTFT beyond the planned prefill is the server's (and this client's) own overhead. For each
 * concurrency level N, N closed-loop workers issue streaming chat completions back to back, each on its own
 * keep-alive connection. The client is Netty on two event-loop threads, like the server: no thread per stream,
 * and far less CPU per token than the JDK's HttpClient, which matters because the client shares the machine's
 * cores with the server. Even so the figure is a lower bound for the server alone.
 */
public final class StreamCapacityBenchmark {

  /** Large enough that no level ever waits for a slot; queue 0 so a full pool would show as 429 errors. */
  private static final int UNBOUNDED_SLOTS = 100_000;

  private StreamCapacityBenchmark() {}

  public static void main(String[] args) throws InterruptedException {
    CapacityOptions options = CapacityOptions.parse(args);
    TargetSettings settings = SuiteConfig.defaults().embeddedTarget().withSlots(UNBOUNDED_SLOTS, 0);
    CapacityReport.printSetup(options, settings);

    EventLoopGroup group = StreamClient.newEventLoopGroup();
    List<LevelResult> results = new ArrayList<>();
    try (EmbeddedTarget target = EmbeddedTarget.start(settings)) {
      StreamClient client = new StreamClient(settings, target, group);
      if (!options.jvmWarmup().isZero()) {
        CapacityReport.printWarmup(runLevel(client, options.levels().get(0), options.jvmWarmup(),
            Duration.ZERO, options.drain()));
      }
      CapacityReport.printHeader();
      for (int concurrency : options.levels()) {
        LevelResult result = runLevel(client, concurrency, options.duration(), options.warmup(),
            options.drain());
        results.add(result);
        CapacityReport.printLevel(result);
      }
    } finally {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    CapacityReport.printVerdict(results);
  }

  private static LevelResult runLevel(StreamClient client, int concurrency, Duration duration, Duration warmup,
      Duration drain) throws InterruptedException {
    LevelCounters level = new LevelCounters(concurrency, System.nanoTime(), warmup, duration);
    // Starts spread over the first half of the warm-up (or a second): N connections are not opened in one
    // burst, which would overflow the server's accept backlog, and workers do not run in lockstep.
    long ramp = warmup.isZero() ? TimeUnit.SECONDS.toNanos(1) : warmup.toNanos() / 2;
    client.startWorkers(level, ramp);
    sleepUntil(level.windowStartNanos);
    CpuSample start = CpuSample.now();
    sleepUntil(level.stopNanos);
    CpuSample end = CpuSample.now();
    if (!level.workersDone.await(drain.toNanos(), TimeUnit.NANOSECONDS)) {
      level.abandon();
    }
    return level.summarize(start, end);
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left = nanos - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }
}
