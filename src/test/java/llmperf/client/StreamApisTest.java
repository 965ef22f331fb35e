package llmperf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import llmperf.config.SuiteConfig;
import llmperf.metrics.ErrorClass;
import llmperf.metrics.ReplyMetrics;
import llmperf.metrics.ReplyRecorder;
import llmperf.metrics.StreamFormat;
import llmperf.server.EmbeddedTarget;
import llmperf.server.TargetSettings;
import llmperf.support.SchedulingNoise;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every streaming API and every kind of token against the reference server over real sockets: each reply's TTFT,
 * answer TTFT and pace held against the server's own record and configuration, and each failure the server injects
 * read as its class on each API.
 */
class StreamApisTest {

  private static final long MS = 1_000_000L;
  private static final Duration TOKEN_INTERVAL = Duration.ofMillis(5);
  private static final int REASONING_TOKENS = 12;
  /** Replies a case measures: the best is held to the tight line. */
  private static final int REPLIES = 3;
  /** A scheduler slice another program on the same core can take from an event loop (CFS: a few ms). */
  private static final long SLICE = 10 * MS;
  private static final StreamClient.Timeouts TIMEOUTS = new StreamClient.Timeouts(Duration.ofSeconds(2),
      Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMillis(300));
  private static final AtomicInteger IDS = new AtomicInteger();
  private static EventLoopGroup loops;

  /** The four APIs, their routes, their bodies and how their streams are read. */
  enum Api {
    CHAT_COMPLETIONS("/v1/chat/completions", StreamFormat.OPENAI_SSE),
    RESPONSES("/v1/responses", StreamFormat.RESPONSES_SSE),
    MESSAGES("/v1/messages", StreamFormat.MESSAGES_SSE),
    COMPLETIONS("/v1/completions", StreamFormat.OPENAI_SSE);

    final String path;
    final StreamFormat format;

    Api(String path, StreamFormat format) {
      this.path = path;
      this.format = format;
    }

    String body(String model, int maxTokens, boolean tools) {
      String prompt = "\"Tell me a story about a fox.\"";
      String tool = "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}}}";
      return switch (this) {
        case CHAT_COMPLETIONS -> "{\"model\":\"" + model + "\",\"stream\":true,\"max_tokens\":" + maxTokens
            + ",\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":" + prompt
            + "}]" + (tools ? ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"parameters\":"
            + tool + "}}]" : "") + "}";
        case RESPONSES -> "{\"model\":\"" + model + "\",\"stream\":true,\"max_output_tokens\":" + maxTokens
            + ",\"input\":" + prompt + (tools ? ",\"tools\":[{\"type\":\"function\",\"name\":\"lookup\","
            + "\"parameters\":" + tool + "}]" : "") + "}";
        case MESSAGES -> "{\"model\":\"" + model + "\",\"stream\":true,\"max_tokens\":" + maxTokens
            + ",\"messages\":[{\"role\":\"user\",\"content\":" + prompt + "}]" + (tools
            ? ",\"tools\":[{\"name\":\"lookup\",\"input_schema\":" + tool + "}]" : "") + "}";
        case COMPLETIONS -> "{\"model\":\"" + model + "\",\"stream\":true,\"max_tokens\":" + maxTokens
            + ",\"stream_options\":{\"include_usage\":true},\"prompt\":" + prompt + "}";
      };
    }

    HttpHeaders headers(String apiKey) {
      HttpHeaders headers = new DefaultHttpHeaders().set("content-type", "application/json");
      return this == MESSAGES ? headers.set("x-api-key", apiKey).set("anthropic-version", "2023-06-01")
          : headers.set("authorization", "Bearer " + apiKey);
    }
  }

  /**
   * Loads and compiles the client's and the server's code for every API and token kind before anything is measured:
   * a first reply pays for the JIT, not for the reading.
   */
  @BeforeAll
  static void startLoopsAndWarmUp() throws Exception {
    loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try (EmbeddedTarget target = EmbeddedTarget.start(settings(Map.of()))) {
      for (int round = 0; round < 2; round++) {
        for (Api api : Api.values()) {
          List<CompletableFuture<Measured>> replies = new ArrayList<>();
          for (int i = 0; i < 10; i++) {
            replies.add(sendAsync(target, api, i % 2 == 0 ? "llmperf-mini" : "llmperf-reason",
                i % 3 == 0 && api != Api.COMPLETIONS));
          }
          for (CompletableFuture<Measured> reply : replies) {
            reply.get(30, TimeUnit.SECONDS);
          }
        }
      }
    }
  }

  @AfterAll
  static void stopLoops() {
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  private static TargetSettings settings(Map<String, String> overrides) {
    Map<String, String> properties = new HashMap<>(Map.of(
        "embedded-target.generation.token-interval", TOKEN_INTERVAL.toMillis() + "ms",
        "embedded-target.generation.prefill-base", "20ms",
        "embedded-target.reasoning.tokens", String.valueOf(REASONING_TOKENS)));
    properties.putAll(overrides);
    return SuiteConfig.load(properties, Map.of()).embeddedTarget();
  }

  /** A reply as the client measured it, and the server's record of the same request. */
  private record Measured(ReplyMetrics reply, EmbeddedTarget.ServerRecord server) {}

  /**
   * Plain, reasoning in either field, and tool-call replies on each API: TTFT is the first token of any kind, within
   * 2 ms of the server writing it (plus the machine's measured wake-up lateness; the best of three replies, see
   * {@link #within}), the answer TTFT within 5 ms of the server's first answer token, ITL the server's own pace over
   * every token, and a tool call a good reply.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "CHAT_COMPLETIONS, llmperf-mini, false", "CHAT_COMPLETIONS, llmperf-think, false",
      "CHAT_COMPLETIONS, llmperf-reason, false", "CHAT_COMPLETIONS, llmperf-mini, true",
      "RESPONSES, llmperf-mini, false", "RESPONSES, llmperf-think, false", "RESPONSES, llmperf-mini, true",
      "MESSAGES, llmperf-mini, false", "MESSAGES, llmperf-think, false", "MESSAGES, llmperf-mini, true",
      "COMPLETIONS, llmperf-mini, false"})
  void everyTokenKindOnEveryApiIsReadAtTheServersPace(Api api, String model, boolean tools) throws Exception {
    boolean reasoning = !model.equals("llmperf-mini");
    try (EmbeddedTarget target = EmbeddedTarget.start(settings(Map.of()))) {
      send(target, api, model, tools);
      try (SchedulingNoise noise = SchedulingNoise.start()) {
        long[] ttftErrors = new long[REPLIES];
        long[] answerErrors = new long[REPLIES];
        long[] spanErrors = new long[REPLIES];
        for (int i = 0; i < REPLIES; i++) {
          Measured m = send(target, api, model, tools);
          long late = noise.maxNanos();
          ReplyMetrics reply = m.reply();
          EmbeddedTarget.ServerRecord server = m.server();
          assertNull(reply.failure(), api + " " + model);
          assertNotNull(server);
          ttftErrors[i] = reply.firstTokenAt() - server.firstContentAt();
          // The server records its first answer token before the Responses and Messages APIs write the events that
          // close the reasoning and open the answer (an output item and a content part, or a block's stop and start),
          // which the client reads first: the answer's line is wider than the first token's by those writes.
          answerErrors[i] = reply.kinds().firstAnswerAt() - server.firstAnswerAt();
          assertEquals(reasoning, reply.reasoned());
          if (reasoning) {
            assertEquals(server.firstReasoningAt(), server.firstContentAt(), "the reasoning comes first");
            assertEquals(REASONING_TOKENS, reply.kinds().reasoningTokens());
            // The answer is due the reasoning's tokens after the first one, which the server may have written and the
            // client read late, each by as much as one reply's TTFT error may be.
            assertTrue(reply.kinds().firstAnswerAt() - reply.firstTokenAt()
                >= REASONING_TOKENS * TOKEN_INTERVAL.toNanos() - 2 * (2 * MS + late + SLICE),
                "the answer starts after the reasoning: "
                + (reply.kinds().firstAnswerAt() - reply.firstTokenAt()) / 1e6 + " ms, late " + late / 1e6);
          }
          assertEquals(tools, reply.calledATool(), "a request with tools is answered with a tool call");
          // The real pace is the server's: its record's span over every token. The client reads that span to within
          // the lateness of seeing the first and last token; the server keeps the configured pace to within 10 %.
          long serverSpan = server.lastContentAt() - server.firstContentAt();
          spanErrors[i] = Math.round(Math.abs(reply.itlNanos() * (reply.outputTokens() - 1) - serverSpan));
          assertEquals(TOKEN_INTERVAL.toNanos(), (double) serverSpan / (reply.outputTokens() - 1),
              TOKEN_INTERVAL.toNanos() * 0.10, "the server's pace");
        }
        long late = noise.maxNanos();
        String allowance = " (the machine's worst wake-up lateness meanwhile: " + late / 1e6 + " ms)";
        within(ttftErrors, 2 * MS + late, "TTFT error against the server's first token" + allowance);
        within(answerErrors, 5 * MS + late, "answer TTFT error against the server's first answer token" + allowance);
        within(spanErrors, 2 * MS + late, "first-to-last token span (ITL x tokens) against the server's" + allowance);
      }
    }
  }

  /**
   * Each reply's error is at least 0 (the client cannot see a token before the server writes it); the best reply's
   * is under {@code line}, and every reply's under it plus a scheduler slice. One reply's event loop can lose its core
   * to another program for a slice, which the lateness probe, woken on the other core, does not see; a client that
   * timed tokens wrongly would miss the line on every reply.
   */
  private static void within(long[] errors, long line, String what) {
    long best = Arrays.stream(errors).min().orElseThrow();
    long worst = Arrays.stream(errors).max().orElseThrow();
    assertTrue(best >= 0 && best < line, what + ": best of " + errors.length + " replies " + best / 1e6
        + " ms, line " + line / 1e6 + " ms");
    assertTrue(worst < line + SLICE, what + ": worst " + worst / 1e6 + " ms, line " + line / 1e6 + " ms + a slice");
    assertTrue(Arrays.stream(errors).allMatch(error -> error >= 0), what + ": " + Arrays.toString(errors));
  }

  /** Each fault the server injects is read as its class on every API, whatever the API's way of ending a stream. */
  @ParameterizedTest
  @EnumSource(Api.class)
  void everyFailureIsItsClassOnEveryApi(Api api) throws Exception {
    Map<String, ErrorClass> expected = Map.of(
        "embedded-target.faults.drop-rate", ErrorClass.DROPPED,
        "embedded-target.faults.truncate-rate", ErrorClass.TRUNCATED,
        "embedded-target.faults.stall-rate", ErrorClass.STALLED,
        "embedded-target.faults.error-rate", ErrorClass.HTTP_STATUS);
    for (Map.Entry<String, ErrorClass> fault : expected.entrySet()) {
      try (EmbeddedTarget target = EmbeddedTarget.start(settings(Map.of(fault.getKey(), "1")))) {
        ReplyMetrics reply = send(target, api, "llmperf-mini", false).reply();
        assertEquals(fault.getValue(), ErrorClass.of(reply.failure()), api + " " + fault.getKey() + ": "
            + reply.failure());
      }
    }
    try (EmbeddedTarget full = EmbeddedTarget.start(settings(Map.of("embedded-target.generation.slots", "1",
        "embedded-target.generation.queue", "0")))) {
      CompletableFuture<Measured> holding = sendAsync(full, api, "llmperf-mini", false);
      // The one slot must be taken before the second request comes: a fixed sleep is not enough on a busy machine.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (full.stats().activeStreams() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      ReplyMetrics refused = send(full, api, "llmperf-mini", false).reply();
      assertTrue(refused.failure() != null && refused.failure().startsWith("http 429"), api + ": " + refused.failure());
      assertFalse(holding.get(10, TimeUnit.SECONDS).reply().failure() != null, "the held slot's reply is fine");
    }
    try (EmbeddedTarget target = EmbeddedTarget.start(settings(Map.of()))) {
      HttpHeaders wrongKey = api.headers("sk-wrong");
      ReplyMetrics refused = sendAsync(target, api, "llmperf-mini", false, wrongKey).get(10, TimeUnit.SECONDS).reply();
      assertTrue(refused.failure() != null && refused.failure().startsWith("http 401"), api + ": " + refused.failure());
    }
  }

  private static Measured send(EmbeddedTarget target, Api api, String model, boolean tools) throws Exception {
    return sendAsync(target, api, model, tools).get(30, TimeUnit.SECONDS);
  }

  private static CompletableFuture<Measured> sendAsync(EmbeddedTarget target, Api api, String model, boolean tools) {
    return sendAsync(target, api, model, tools, api.headers(settings(Map.of()).apiKey()));
  }

  private static CompletableFuture<Measured> sendAsync(EmbeddedTarget target, Api api, String model, boolean tools,
      HttpHeaders headers) {
    String requestId = "apis-" + IDS.incrementAndGet();
    headers.set(EmbeddedTarget.REQUEST_ID_HEADER, requestId);
    byte[] body = api.body(model, 24, tools).getBytes(StandardCharsets.UTF_8);
    CompletableFuture<Measured> result = new CompletableFuture<>();
    StreamClient client = new StreamClient(NioSocketChannel::new, TIMEOUTS);
    Connections connections = new Connections(Duration.ZERO);
    loops.next().execute(() -> client.send(loops.next(), connections,
        new StreamClient.Request(HttpMethod.POST, URI.create(target.baseUrl() + api.path), headers, body),
        new StreamClient.Listener() {
          private ReplyRecorder recorder;

          @Override
          public void sent(long at) {
            recorder = new ReplyRecorder(api.format, at);
          }

          @Override
          public void head(long at, int status) {
          }

          @Override
          public boolean event(long at, String name, String data) {
            return recorder.event(at, name, data);
          }

          @Override
          public void ended(long at, String failure) {
            ReplyMetrics reply = recorder == null ? null : recorder.finish(at, failure);
            result.complete(new Measured(reply, target.takeRecord(requestId)));
          }
        }));
    return result;
  }
}
