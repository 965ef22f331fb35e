package llmperf.run;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.Map;
import llmperf.config.SuiteConfig;
import llmperf.config.TargetConfig;
import llmperf.feeders.Feeders;
import llmperf.journeys.Journey;
import llmperf.journeys.Journeys;
import llmperf.metrics.StreamMeasurement;
import llmperf.target.EmbeddedTarget;

/**
 * What one simulation run needs before load starts: the validated settings, the target (the embedded one
 * started on a free loopback port when configured) and the HTTP protocol aimed at it.
 */
public final class SuiteRun implements AutoCloseable {

  private final SuiteConfig config;
  private final TargetConfig target;
  private final EmbeddedTarget embeddedTarget;
  private final Thread stopOnExit;
  private final int streamBuffer;
  private final StreamMeasurement streams;

  private SuiteRun(SuiteConfig config, TargetConfig target, EmbeddedTarget embeddedTarget) {
    this.config = config;
    this.target = target;
    this.embeddedTarget = embeddedTarget;
    this.streamBuffer = StreamMeasurement.bufferFor(Feeders.maxOutputTokens());
    this.streams = new StreamMeasurement(target.streamTimeout(), target.streamIdleTimeout(), streamBuffer);
    // A crashed or interrupted run must not leave the embedded target holding its port.
    this.stopOnExit = new Thread(this::stopTarget, "embedded-target-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /** Loads and validates the settings (a bad value throws a one-line ConfigError) and starts the target. */
  public static SuiteRun open() {
    SuiteConfig config = SuiteConfig.load();
    if (!config.target().embedded()) {
      System.out.println("Target: " + config.target().baseUrl());
      return new SuiteRun(config, config.target(), null);
    }
    EmbeddedTarget embedded = EmbeddedTarget.start(config.embeddedTarget());
    System.out.println("Target: embedded reference target at " + embedded.baseUrl()
        + " (seed " + config.embeddedTarget().seed() + ", faults " + config.embeddedTarget().faults() + ")");
    return new SuiteRun(config, config.target().at(embedded.baseUrl(), embedded.wsUrl()), embedded);
  }

  public SuiteConfig config() {
    return config;
  }

  /** The target as this run reaches it (for the embedded target: the port it actually listens on). */
  public TargetConfig target() {
    return target;
  }

  /** Streams are measured from buffered events: the buffers hold the longest reply the prompts can ask for. */
  public StreamMeasurement streams() {
    return streams;
  }

  /** Every journey, by its name in the mix, aimed at this run's target. */
  public Map<String, Journey> journeys() {
    return new Journeys(config, target, streams).all();
  }

  public HttpProtocolBuilder httpProtocol() {
    return http.baseUrl(target.baseUrl())
        .sseUnmatchedInboundMessageBufferSize(streamBuffer)
        .wsUnmatchedInboundMessageBufferSize(streamBuffer)
        .wsBaseUrl(target.wsUrl())
        // Gatling's default warm-up request goes to gatling.io: warm its HTTP client on the target's health route.
        .warmUp(target.baseUrl() + target.path("health"))
        .acceptHeader("application/json")
        .userAgentHeader("llmperf-gatling-suite");
  }

  @Override
  public void close() {
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
