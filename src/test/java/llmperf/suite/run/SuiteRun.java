package llmperf.suite.run;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;
import llmperf.budgets.Thresholds;
import llmperf.client.StreamClient;
import llmperf.clock.MonotonicClock;
import llmperf.config.ConfigError;
import llmperf.config.Mix;
import llmperf.config.SuiteConfig;
import llmperf.config.TargetConfig;
import llmperf.data.DataError;
import llmperf.data.Dataset;
import llmperf.data.FeederData;
import llmperf.data.PromptTokens;
import llmperf.metrics.GeneratorMonitor;
import llmperf.metrics.ScheduleTally;
import llmperf.metrics.TruthTally;
import llmperf.preflight.ConfigCheck;
import llmperf.preflight.LoadSafety;
import llmperf.preflight.Preflight;
import llmperf.preflight.PromptCalibration;
import llmperf.preflight.PreflightError;
import llmperf.resources.ResourceSampler;
import llmperf.resources.ResourceSamples;
import llmperf.resources.TargetMetrics;
import llmperf.safety.AbortWatch;
import llmperf.safety.SecretMasking;
import llmperf.server.EmbeddedTarget;
import llmperf.signoff.SignOffVerdict;
import llmperf.signoff.analysis.RunPlan;
import llmperf.suite.feeders.Feeders;
import llmperf.suite.gatling.CustomActions;
import llmperf.suite.gatling.ReportRows;
import llmperf.suite.journeys.Journey;
import llmperf.suite.journeys.Journeys;
import llmperf.suite.journeys.MixChain;
import llmperf.suite.measure.AudioMeasurement;
import llmperf.suite.measure.StreamMeasurement;

/**
 * What one simulation run needs before load starts: the validated settings, the target (the embedded one
 * started on a free loopback port when configured) and the HTTP protocol aimed at it.
 */
public final class SuiteRun implements AutoCloseable {

  /** The plan of the last simulation built in this JVM, when tests run Gatling in-process. */
  private static volatile Supplier<RunPlan> inProcessPlan;

  private static final String EMBEDDED_NOTE = "The embedded target runs in the load generator's JVM: heap, resident"
      + " memory and CPU are the two together. Run the reference server alone (see the README) for its own.";

  private final SuiteConfig config;
  private final TargetConfig target;
  private final PromptTokens promptTokens;
  private final EmbeddedTarget embeddedTarget;
  private final Thread stopOnExit;
  private final int streamBuffer;
  private final StreamMeasurement streams;
  private final AudioMeasurement audio;
  private final GeneratorMonitor generator = new GeneratorMonitor();
  private final ScheduleTally schedule = new ScheduleTally();
  private final AbortWatch abort;
  private final ResourceSampler resources;
  private final StreamClient.Resends resendsBefore = StreamClient.resends();

  private SuiteRun(SuiteConfig config, TargetConfig target, PromptTokens promptTokens, EmbeddedTarget embeddedTarget) {
    this.config = config;
    this.target = target;
    this.promptTokens = promptTokens;
    this.embeddedTarget = embeddedTarget;
    this.streamBuffer = StreamMeasurement.bufferFor(Feeders.maxOutputTokens());
    this.streams = new StreamMeasurement(target, streamBuffer,
        embeddedTarget == null ? null : embeddedTarget::takeRecord, embeddedTarget == null && onThisMachine(target));
    this.audio = new AudioMeasurement(target.connectTimeout(), target.streamTimeout());
    streams.tellOkRepliesTo((session, reply) -> schedule.replied(session.scenario(), session.userId(),
        ReportRows.groupPath(session), reply.firstTokenAt() - reply.sentAt(), reply.endAt() - reply.sentAt()));
    Thresholds thresholds = Thresholds.of(config.budgets());
    this.abort = new AbortWatch(thresholds.abortErrorRatePercent(), thresholds.abortWindow(), System::currentTimeMillis);
    this.resources = startSampling(config.targetMetrics(), target, embeddedTarget != null);
    // A crashed or interrupted run must not leave the embedded target holding its port.
    this.stopOnExit = new Thread(this::stopTarget, "embedded-target-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /**
   * Loads and validates the settings (a bad value, or heavy load aimed at another machine without the opt-in,
   * throws a one-line ConfigError), probes a target of its own (a dead one throws a one-line PreflightError) or
   * starts the embedded one.
   */
  public static SuiteRun open(String simulation) {
    return orStop(() -> openChecked(simulation));
  }

  /**
   * What {@code step} gives, or, when it refuses the settings or the target, the refusal's one line and the end of
   * Gatling's JVM with status 1: thrown on, Gatling would print "Run crashed" and a stack trace under the line. In a
   * JVM that runs Gatling in-process (tests), the refusal is thrown on for the test to judge.
   */
  public static <T> T orStop(Supplier<T> step) {
    try {
      return step.get();
    } catch (ConfigError | PreflightError | DataError refused) {
      if (Boolean.getBoolean("llmperf.signoff.in-process")) {
        throw refused;
      }
      System.out.flush();
      System.err.println(refused instanceof PreflightError unusable ? unusable.line()
          : (refused instanceof DataError ? ConfigCheck.DATA_REFUSED : "Settings refused: ") + refused.getMessage());
      System.err.flush();
      // halt, not exit: the simulation is built on a thread Gatling's own shutdown may wait for.
      Runtime.getRuntime().halt(ConfigCheck.REFUSED_STATUS);
      throw refused;
    }
  }

  private static SuiteRun openChecked(String simulation) {
    SuiteConfig config = SuiteConfig.load();
    FeederData.shipped();
    if (config.prompts().isDataset()) {
      Dataset.of(config.prompts().dataset());
    }
    LoadSafety.requireAllowed(config, simulation);
    if (!config.target().embedded()) {
      System.out.println("Target: " + SecretMasking.mask(config.target().baseUrl()));
      Preflight.requireReachable(config.target(), config.preflightPath());
      Preflight.requireMetrics(config.target(), config.targetMetrics(), config.budgets());
      return new SuiteRun(config, config.target(), PromptCalibration.promptTokens(config), null);
    }
    PromptTokens promptTokens = PromptCalibration.promptTokens(config);
    EmbeddedTarget embedded = EmbeddedTarget.start(config.embeddedTarget());
    System.out.println("Target: embedded reference target at " + embedded.baseUrl()
        + " (seed " + config.embeddedTarget().seed() + ", faults " + config.embeddedTarget().faults() + ")");
    return new SuiteRun(config, config.target().at(embedded.baseUrl(), embedded.wsUrl()), promptTokens, embedded);
  }

  /**
   * Scrapes the target's own counters from now until the run closes: at target.metrics.url, or the embedded
   * target's /metrics when it is empty; null when there is neither.
   */
  private static ResourceSampler startSampling(TargetMetrics metrics, TargetConfig target, boolean embedded) {
    if (!metrics.sampled(embedded)) {
      return null;
    }
    if (metrics.url().isEmpty()) {
      return ResourceSampler.start(URI.create(target.baseUrl() + TargetMetrics.EMBEDDED_PATH), TargetConfig.USER_AGENT,
          "the embedded reference target's " + TargetMetrics.EMBEDDED_PATH, EMBEDDED_NOTE, metrics,
          target.connectTimeout());
    }
    return ResourceSampler.start(URI.create(metrics.url()), TargetConfig.USER_AGENT, SecretMasking.mask(metrics.url()),
        null, metrics, target.connectTimeout());
  }

  /** What was sampled of the target's resources; for a target with no endpoint, why nothing was. */
  public ResourceSamples resourceSamples() {
    return resources != null ? resources.samples()
        : ResourceSamples.none(SecretMasking.mask(target.baseUrl()), "target.metrics.url is not set"
            + " (a Prometheus endpoint of the target, e.g. vLLM's /metrics)");
  }

  public SuiteConfig config() {
    return config;
  }

  /** The target as this run reaches it (for the embedded target: the port it actually listens on). */
  public TargetConfig target() {
    return target;
  }

  /** Starts the generator monitor on Gatling's event loops when a scenario is built (see {@link GeneratorMonitor}). */
  public ActionBuilder watchGenerator() {
    return CustomActions.withEventLoops(generator::start);
  }

  /**
   * The stream figures held against the server's records: for a server on this machine in another process (the
   * reference server run alone), its records are collected now, once the run is over. A target that is not the
   * reference server has no such route; its replies then count as without a record.
   */
  public Map<String, TruthTally> truthByGroup() {
    if (embeddedTarget == null && onThisMachine(target)) {
      streams.joinRecords(ServerRecords.collect(target.baseUrl()));
    }
    return streams.truthByGroup();
  }

  private static boolean onThisMachine(TargetConfig target) {
    return LoadSafety.isLoopback(URI.create(target.baseUrl()).getHost());
  }

  /** How the load generator fared in this run so far, and how its open-model journeys kept their schedule. */
  public GeneratorMonitor.Health generatorHealth() {
    return generator.health().withSchedule(schedule.figures());
  }

  /** How this run counts prompt tokens, as near as it can to the target's count (see {@link PromptTokens}). */
  public PromptTokens promptTokens() {
    return promptTokens;
  }

  /** Where the open-model scenarios' plans go, and their journeys' starts and first replies. */
  public ScheduleTally schedule() {
    return schedule;
  }

  /**
   * Where a journey starts: hands the run's event loops to the generator monitor and stamps the start against the
   * schedule (the first thing the user does, on its own event loop).
   */
  private ChainBuilder journeyStarts() {
    return exec(watchGenerator()).exec(session -> {
      schedule.started(session.scenario(), session.userId(), MonotonicClock.epochNanos());
      return session;
    });
  }

  /** How streamed replies are sent and measured; WebSocket frames are buffered for the longest reply prompts ask for. */
  public StreamMeasurement streams() {
    return streams;
  }

  /**
   * Every journey, by its name in the mix, aimed at this run's target; the run stops here with one line when the mix
   * and {@link Journeys#all} disagree ({@link MixChain#requireSameJourneys}).
   */
  public Map<String, Journey> journeys() {
    Map<String, Journey> journeys = new Journeys(config, target, promptTokens, streams, audio, journeyStarts(),
        journeyEnded()).all();
    // workload = openai replaces the configured mix with its one journey: there is nothing of the file to hold.
    if (config.workload().equals(Mix.FULL)) {
      MixChain.requireSameJourneys(config.mix(), journeys.keySet());
    }
    return journeys;
  }

  /** The trace replay's journey ({@link Journeys#replay}), aimed at this run's target. */
  public Journey replay(Iterator<Map<String, Object>> rows) {
    return new Journeys(config, target, promptTokens, streams, audio, journeyStarts(), journeyEnded()).replay(rows);
  }

  /**
   * Counts a journey that ran to its end, failed or not, and stops the load through Gatling's own stop once the
   * abort watch trips (budgets.abort): a dead target is not hammered until the run's planned end.
   */
  private ChainBuilder journeyEnded() {
    return exec(session -> {
      abort.journeyEnded(!session.isFailed());
      return session;
    }).stopLoadGeneratorIf(session -> abort.reason(), session -> abort.reason() != null);
  }

  /** Why the load was stopped early, or null when it ran as planned. */
  public String abortReason() {
    return abort.reason();
  }

  public HttpProtocolBuilder httpProtocol() {
    return http.baseUrl(target.baseUrl())
        .wsUnmatchedInboundMessageBufferSize(streamBuffer)
        .wsBaseUrl(target.wsUrl())
        // Gatling's default warm-up request goes to gatling.io: warm its HTTP client on the route the preflight probes.
        .warmUp(target.baseUrl() + target.path(config.preflightPath()))
        .acceptHeader("application/json")
        .userAgentHeader(TargetConfig.USER_AGENT);
  }

  /** Where Gatling writes this JVM's run folders: results, unless -Dllmperf.results says otherwise (tests). */
  public static Path resultsFolder() {
    return Path.of(System.getProperty("llmperf.results", "results"));
  }

  /**
   * What {@code nested} gives, which runs simulations of its own in this JVM (the Capacity search's probes): the
   * simulation that runs it keeps its own plan as the last in-process one.
   */
  public static <T> T keepingInProcessPlan(Supplier<T> nested) {
    Supplier<RunPlan> kept = inProcessPlan;
    try {
      return nested.get();
    } finally {
      inProcessPlan = kept;
    }
  }

  /** The plan of the last simulation run in-process (see {@link #signOffAtExit}). */
  public static RunPlan lastInProcessPlan() {
    return inProcessPlan.get();
  }

  /**
   * Writes the sign-off of this run when the JVM Gatling runs in exits (after Gatling wrote its report and chose
   * its exit code): the sign-off is the run's one verdict, so a failed or unjudged sign-off ends the JVM with
   * status 2, which fails the build as failed assertions do. Tests that run Gatling in their own JVM set
   * -Dllmperf.signoff.in-process=true and judge it themselves.
   */
  public void signOffAtExit(String simulationClass, Supplier<RunPlan> plan) {
    if (Boolean.getBoolean("llmperf.signoff.in-process")) {
      inProcessPlan = plan;
      return;
    }
    long startedAt = System.currentTimeMillis();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Path results = resultsFolder();
      SignOffVerdict verdict = SignOffVerdict.judge(results, simulationClass, startedAt, plan);
      verdict.lines().forEach(System.out::println);
      if (!verdict.passed()) {
        System.out.flush();
        Runtime.getRuntime().halt(SignOffVerdict.FAILED_STATUS);
      }
    }, "sign-off"));
  }

  /**
   * This run's streamed requests, and those sent a second time because the server closed a kept-alive connection
   * under them ({@link StreamClient#send}): the sign-off says how often.
   */
  public StreamClient.Resends resends() {
    return StreamClient.resends().since(resendsBefore);
  }

  @Override
  public void close() {
    generator.stop();
    if (resources != null) {
      resources.close();
    }
    stopTarget();
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already exiting and the hook runs anyway.
    }
  }

  private void stopTarget() {
    if (embeddedTarget != null) {
      embeddedTarget.close();
    }
  }
}
