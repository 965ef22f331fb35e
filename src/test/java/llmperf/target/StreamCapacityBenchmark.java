package llmperf.target;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many concurrent SSE streams the embedded target serves on this machine while its time to first token
 * stays within 10 % of what it planned. Not a test: a rerunnable measurement,
 * {@code mvn -q test-compile exec:java -Dexec.mainClass=llmperf.target.StreamCapacityBenchmark}, optionally
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

  /** The verdict: a level is sustained while p95 TTFT stays within this factor of the planned TTFT. */
  private static final double TTFT_TOLERANCE = 1.10;
  /** Cores used by other processes above which a level is flagged as disturbed. */
  private static final double OTHER_CPU_NOISE = 0.15;
  /** Large enough that no level ever waits for a slot; queue 0 so a full pool would show as 429 errors. */
  private static final int UNBOUNDED_SLOTS = 100_000;
  private static final int MAX_TOKENS = 64;
  private static final int CLIENT_THREADS = 2;
  private static final String CLIENT_THREAD_NAME = "benchmark-client";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** A worker whose stream failed waits this long before reconnecting, so a broken target does not spin. */
  private static final Duration ERROR_PAUSE = Duration.ofMillis(100);
  /** The key of a content delta in the target's chunk format (OpenAiRoutes.ChunkSink). */
  private static final String CONTENT_KEY = "\"content\":\"";
  private static final String PATH = "/v1/chat/completions";

  private static final String USAGE = "arguments: [--levels 50,100,...] [--seconds 10] [--warmup 2] "
      + "[--drain 10] [--jvm-warmup 10] (whole seconds; warmup < seconds)";

  /**
   * What to run: the concurrency levels; per level its length, the discarded warm-up at its start and the
   * deadline for its last streams to end; and an unreported first round that lets the JIT compile the hot
   * paths (without it the first level measures the interpreter).
   */
  record Options(List<Integer> levels, Duration duration, Duration warmup, Duration drain,
      Duration jvmWarmup) {

    static Options parse(String[] args) {
      List<Integer> levels = List.of(50, 100, 200, 400, 800, 1600, 3200);
      long seconds = 10;
      long warmup = 2;
      long drain = 10;
      long jvmWarmup = 10;
      if (args.length % 2 != 0) {
        throw new IllegalArgumentException(USAGE);
      }
      try {
        for (int i = 0; i < args.length; i += 2) {
          String value = args[i + 1];
          switch (args[i]) {
            case "--levels" -> levels = Arrays.stream(value.split(",")).map(String::trim)
                .map(Integer::valueOf).toList();
            case "--seconds" -> seconds = Long.parseLong(value);
            case "--warmup" -> warmup = Long.parseLong(value);
            case "--drain" -> drain = Long.parseLong(value);
            case "--jvm-warmup" -> jvmWarmup = Long.parseLong(value);
            default -> throw new IllegalArgumentException(USAGE);
          }
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(USAGE, e);
      }
      if (levels.isEmpty() || levels.stream().anyMatch(n -> n < 1) || warmup < 0 || seconds <= warmup
          || drain < 1 || jvmWarmup < 0) {
        throw new IllegalArgumentException(USAGE);
      }
      return new Options(levels, Duration.ofSeconds(seconds), Duration.ofSeconds(warmup),
          Duration.ofSeconds(drain), Duration.ofSeconds(jvmWarmup));
    }

    /** Every round ends by its own drain deadline, so the whole run ends by the sum of them. */
    Duration overallTimeout() {
      return jvmWarmup.plus(drain).plus(duration.plus(drain).multipliedBy(levels.size()));
    }
  }

  /** One stream sent during the measurement window and completed, as the client saw it. */
  record StreamSample(double ttftMillis, double configuredTtftMillis) {}

  /**
   * CPU time used so far by the whole process, the target's event loops and the client's, and the machine's
   * CPU load since the previous sample (the JDK reports it as the average since its previous call), in 0..1.
   */
  record CpuSample(long nanos, long processCpuNanos, long serverCpuNanos, long clientCpuNanos,
      double machineLoad) {

    static CpuSample now() {
      OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      return new CpuSample(System.nanoTime(), os.getProcessCpuTime(), threadsCpuNanos("embedded-target"),
          threadsCpuNanos(CLIENT_THREAD_NAME), os.getCpuLoad());
    }

    private static long threadsCpuNanos(String namePrefix) {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      return Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().startsWith(namePrefix))
          .mapToLong(t -> Math.max(0, threads.getThreadCpuTime(t.getId())))
          .sum();
    }
  }

  /**
   * One row of the table. CPU is in cores busy on average over the window: the target's event loops, the
   * client's, this whole process (both, plus GC and JIT), and the other processes of the machine, which should
   * be near 0 for a clean measurement (the machine may be shared).
   */
  record LevelResult(int concurrency, long completed, double streamsPerSecond, double tokensPerSecond,
      double ttftP50, double ttftP95, double ttftP99, double configuredTtft, long errors,
      Map<String, Long> errorKinds, double serverCpu, double clientCpu, double processCpu, double otherCpu) {

    static final String HEADER = String.format(
        "%6s %9s %9s %9s %8s %8s %8s %8s %6s %6s %6s %7s %7s %7s %7s", "N", "completed", "streams/s",
        "tokens/s", "p50 ms", "p95 ms", "p99 ms", "conf ms", "p50 x", "p95 x", "errors", "srv cpu",
        "cli cpu", "all cpu", "oth cpu");

    double p50Ratio() {
      return ttftP50 / configuredTtft;
    }

    double p95Ratio() {
      return ttftP95 / configuredTtft;
    }

    boolean sustained() {
      return errors == 0 && completed > 0 && p95Ratio() <= TTFT_TOLERANCE;
    }

    String row() {
      return String.format(
          "%6d %9d %9.1f %9.0f %8.1f %8.1f %8.1f %8.1f %6.3f %6.3f %6d %7.2f %7.2f %7.2f %7.2f", concurrency,
          completed, streamsPerSecond, tokensPerSecond, ttftP50, ttftP95, ttftP99, configuredTtft, p50Ratio(),
          p95Ratio(), errors, serverCpu, clientCpu, processCpu, otherCpu);
    }

    boolean disturbed() {
      return otherCpu > OTHER_CPU_NOISE;
    }
  }

  private final EventLoopGroup group;
  private final Bootstrap bootstrap;
  private final HttpHeaders requestHeaders;
  private final byte[] requestBody;

  private StreamCapacityBenchmark(TargetSettings settings, EmbeddedTarget target, EventLoopGroup group) {
    this.group = group;
    URI base = URI.create(target.baseUrl());
    this.bootstrap = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
        .remoteAddress(new InetSocketAddress(base.getHost(), base.getPort()));
    this.requestBody = ("{\"model\":\"" + settings.model() + "\",\"stream\":true,"
        + "\"stream_options\":{\"include_usage\":true},\"max_tokens\":" + MAX_TOKENS + ","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Write a haiku about load testing.\"}]}")
        .getBytes(StandardCharsets.UTF_8);
    this.requestHeaders = new DefaultHttpHeaders()
        .set(HttpHeaderNames.HOST, base.getHost() + ":" + base.getPort())
        .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + settings.apiKey())
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .set(HttpHeaderNames.ACCEPT, "text/event-stream")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, requestBody.length);
  }

  public static void main(String[] args) throws InterruptedException {
    Options options = Options.parse(args);
    TargetSettings settings = TargetSettings.defaults().withSlots(UNBOUNDED_SLOTS, 0);
    printMachine(options);
    System.out.printf("target: defaults with slots %d, queue 0; prefill %d ms + %d us per prompt token, "
            + "token interval %d ms; requests ask max_tokens %d%n", settings.slots(),
        settings.prefillBase().toMillis(), settings.prefillPerPromptToken().toNanos() / 1000,
        settings.tokenInterval().toMillis(), MAX_TOKENS);
    System.out.printf("levels %s; each %d s, the first %d s discarded, then at most %d s to drain; after a "
            + "%d s JVM warm-up; overall at most %d s%n%n", options.levels(), options.duration().toSeconds(),
        options.warmup().toSeconds(), options.drain().toSeconds(), options.jvmWarmup().toSeconds(),
        options.overallTimeout().toSeconds());

    EventLoopGroup group = new MultiThreadIoEventLoopGroup(CLIENT_THREADS,
        new DefaultThreadFactory(CLIENT_THREAD_NAME, true), NioIoHandler.newFactory());
    List<LevelResult> results = new ArrayList<>();
    try (EmbeddedTarget target = EmbeddedTarget.start(settings)) {
      StreamCapacityBenchmark benchmark = new StreamCapacityBenchmark(settings, target, group);
      if (!options.jvmWarmup().isZero()) {
        LevelResult warm = benchmark.runLevel(options.levels().get(0), options.jvmWarmup(), Duration.ZERO,
            options.drain());
        System.out.printf("JVM warm-up: %d streams at N = %d, %d errors (not reported below)%n%n",
            warm.completed(), warm.concurrency(), warm.errors());
      }
      System.out.println(LevelResult.HEADER);
      for (int concurrency : options.levels()) {
        LevelResult result = benchmark.runLevel(concurrency, options.duration(), options.warmup(),
            options.drain());
        results.add(result);
        System.out.println(result.row());
        result.errorKinds().forEach((kind, count) -> System.out.printf("%8s %d x %s%n", "", count, kind));
        if (result.disturbed()) {
          System.out.printf("%8s other processes used %.2f cores: disturbed, rerun on a quiet machine%n", "",
              result.otherCpu());
        }
      }
    } finally {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    printVerdict(results);
  }

  private static void printMachine(Options options) {
    Runtime runtime = Runtime.getRuntime();
    System.out.printf("machine: %d cores, Java %s (%s), max heap %d MiB, %s %s%n", runtime.availableProcessors(),
        System.getProperty("java.version"), System.getProperty("java.vm.name"), runtime.maxMemory() >> 20,
        System.getProperty("os.name"), System.getProperty("os.arch"));
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
      // Each stream holds two sockets in this one process: the client's and the server's.
      long needed = 2L * options.levels().stream().mapToInt(Integer::intValue).max().orElseThrow() + 512;
      System.out.printf("open-file limit %d (the largest level needs about %d)%n",
          unix.getMaxFileDescriptorCount(), needed);
      if (unix.getMaxFileDescriptorCount() < needed) {
        System.out.println("WARNING: raise the limit (ulimit -n) or the largest levels fail with "
            + "'Too many open files'");
      }
    }
  }

  private static void printVerdict(List<LevelResult> results) {
    System.out.println();
    results.stream().filter(LevelResult::sustained).mapToInt(LevelResult::concurrency).max().ifPresentOrElse(
        n -> System.out.printf("sustains %d concurrent streams with p95 TTFT within %.0f %% of the configured "
            + "TTFT and no errors%n", n, (TTFT_TOLERANCE - 1) * 100),
        () -> System.out.println("no level kept p95 TTFT within the tolerance without errors"));
    if (results.stream().anyMatch(LevelResult::disturbed)) {
      System.out.println("NOT RELIABLE: other processes used the CPU during some levels; rerun on a quiet "
          + "machine");
    }
    System.out.println("(the load generator shares the cores with the server: a lower bound for the server "
        + "alone)");
  }

  private LevelResult runLevel(int concurrency, Duration duration, Duration warmup, Duration drain)
      throws InterruptedException {
    Level level = new Level(concurrency, System.nanoTime(), warmup, duration);
    // Starts spread over the first half of the warm-up (or a second): N connections are not opened in one
    // burst, which would overflow the server's accept backlog, and workers do not run in lockstep.
    long ramp = warmup.isZero() ? TimeUnit.SECONDS.toNanos(1) : warmup.toNanos() / 2;
    for (int i = 0; i < concurrency; i++) {
      group.schedule(() -> connect(level), ramp * i / concurrency, TimeUnit.NANOSECONDS);
    }
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

  /** Opens a worker's connection, which then runs streams back to back; a worker that is past the stop ends. */
  private void connect(Level level) {
    if (System.nanoTime() >= level.stopNanos) {
      level.workersDone.countDown();
      return;
    }
    bootstrap.clone()
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            level.channels.add(ch);
            ch.pipeline().addLast(new HttpClientCodec(), new Worker(level));
          }
        })
        .connect()
        .addListener((ChannelFuture connected) -> {
          if (!connected.isSuccess()) {
            level.error(describe(connected.cause()));
            retryLater(level);
          }
        });
  }

  private void retryLater(Level level) {
    group.schedule(() -> connect(level), ERROR_PAUSE.toNanos(), TimeUnit.NANOSECONDS);
  }

  private FullHttpRequest request() {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, PATH,
        Unpooled.wrappedBuffer(requestBody));
    request.headers().set(requestHeaders);
    return request;
  }

  private static String describe(Throwable failure) {
    return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
  }

  /** The counters of one concurrency level, shared by its workers. */
  private static final class Level {
    final int concurrency;
    /** Measurement window: [windowStartNanos, stopNanos). */
    final long windowStartNanos;
    final long stopNanos;
    final CountDownLatch workersDone;
    final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    /** Streams sent in the window and completed without error, whenever they completed. */
    final Queue<StreamSample> samples = new ConcurrentLinkedQueue<>();
    /** Streams and tokens that completed or arrived within the window: the throughput. */
    final LongAdder completedInWindow = new LongAdder();
    final LongAdder tokensInWindow = new LongAdder();
    /** Errors of the whole level, warm-up and drain included: a sustained level has none. */
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    /** Set at the drain deadline: the streams cut then are counted once, there, not as they close. */
    volatile boolean abandoned;

    Level(int concurrency, long startNanos, Duration warmup, Duration duration) {
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
  }

  /** Nearest-rank percentile of sorted values. */
  private static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /**
   * One closed-loop worker on one connection: sends a stream, reads it line by line as it arrives, and sends
   * the next when it ends, until the level stops. Runs on its connection's event loop only. A failed stream
   * closes the connection and the worker reconnects after a pause.
   */
  private final class Worker extends SimpleChannelInboundHandler<HttpObject> {
    private final Level level;
    /** The bytes of a line split across reads. */
    private final StringBuilder partialLine = new StringBuilder();
    private boolean streaming;
    private long sentNanos;
    private int status;
    private double configuredTtftMillis;
    private boolean keepAlive;
    private boolean sawToken;
    private long firstTokenNanos;
    private boolean sawDone;
    private String failure;

    Worker(Level level) {
      this.level = level;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      sendNext(ctx);
    }

    private void sendNext(ChannelHandlerContext ctx) {
      if (System.nanoTime() >= level.stopNanos) {
        ctx.close();
        level.workersDone.countDown();
        return;
      }
      streaming = true;
      status = 0;
      configuredTtftMillis = Double.NaN;
      keepAlive = false;
      sawToken = false;
      sawDone = false;
      partialLine.setLength(0);
      sentNanos = System.nanoTime();
      ctx.writeAndFlush(request()).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (msg instanceof HttpResponse response) {
        status = response.status().code();
        keepAlive = HttpUtil.isKeepAlive(response);
        String prefill = response.headers().get(Exchange.PREFILL_HEADER);
        if (prefill != null) {
          configuredTtftMillis = Double.parseDouble(prefill);
        }
      }
      if (msg instanceof HttpContent content) {
        readLines(content.content().toString(StandardCharsets.UTF_8));
      }
      if (msg instanceof LastHttpContent) {
        streamEnded(ctx);
      }
    }

    private void readLines(String text) {
      int from = 0;
      for (int newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', from)) {
        if (partialLine.length() > 0) {
          line(partialLine.append(text, from, newline).toString());
          partialLine.setLength(0);
        } else {
          line(text.substring(from, newline));
        }
        from = newline + 1;
      }
      partialLine.append(text, from, text.length());
    }

    private void line(String line) {
      if (!line.startsWith("data: ")) {
        return;
      }
      if (line.equals("data: [DONE]")) {
        sawDone = true;
        return;
      }
      // A plain search, not a JSON parse per token: this client shares the cores with the server. The role
      // chunk's content is "" and is not a token.
      int content = line.indexOf(CONTENT_KEY);
      int first = content + CONTENT_KEY.length();
      if (content >= 0 && first < line.length() && line.charAt(first) != '"') {
        long now = System.nanoTime();
        if (!sawToken) {
          sawToken = true;
          firstTokenNanos = now;
        }
        if (level.inWindow(now)) {
          level.tokensInWindow.increment();
        }
      }
    }

    private void streamEnded(ChannelHandlerContext ctx) {
      streaming = false;
      String error = status != 200 ? "HTTP " + status
          : Double.isNaN(configuredTtftMillis) ? "no " + Exchange.PREFILL_HEADER + " header"
          : !sawToken ? "no content token"
          : !sawDone ? "no data: [DONE]"
          : null;
      if (error != null) {
        failure = error;
        ctx.close();
        return;
      }
      level.completed(sentNanos, System.nanoTime(), (firstTokenNanos - sentNanos) / 1e6, configuredTtftMillis);
      if (keepAlive) {
        sendNext(ctx);
      } else {
        // The server chose to close: not an error, the worker goes on with a new connection.
        ctx.close().addListener(closed -> connect(level));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      failure = describe(cause);
      ctx.close();
    }

    /** The connection is gone; if it was not ended by the worker itself, a stream failed. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (failure == null && streaming) {
        failure = "connection closed mid-stream";
      }
      if (failure != null) {
        level.error(failure);
        retryLater(level);
      }
    }
  }
}
