package llmperf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Helpers for the tests of the streaming APIs: settings with reasoning models, raw HTTP, SSE parsing. */
final class ApiTestSupport {

  static final String THINK = "think-rc";
  static final String REASON = "think-r";
  static final int REASONING_TOKENS = 5;
  static final Map<String, String> OPENAI_AUTH = Map.of("Authorization", "Bearer " + TargetTestSupport.API_KEY);
  static final Map<String, String> ANTHROPIC_AUTH =
      Map.of("x-api-key", TargetTestSupport.API_KEY, "anthropic-version", "2023-06-01");

  private ApiTestSupport() {}

  /** {@link TargetTestSupport#fast()} with two reasoning models, one per chat completions field. */
  static TargetSettings withReasoning() {
    return TargetTestSupport.fast().withReasoning(new ReasoningSettings(REASONING_TOKENS,
        Map.of(THINK, ReasoningSettings.Field.REASONING_CONTENT, REASON, ReasoningSettings.Field.REASONING)));
  }

  /** Every fault off but the given stream faults, at rate 1. */
  static Faults streamFaults(double drop, double truncate) {
    return new Faults(0, 1, Duration.ZERO, 0, Duration.ofSeconds(1), drop, truncate);
  }

  static Faults errorRate(double rate) {
    return new Faults(rate, 1, Duration.ZERO, 0, Duration.ofSeconds(1), 0, 0);
  }

  /** One server-sent event: its name (null without an event: line) and its data. */
  record Sse(String event, String data) {
    JsonNode json() {
      return TargetTestSupport.parse(data);
    }
  }

  /** An SSE body split into its events; asserts it ends with a complete event. */
  static List<Sse> events(String body) {
    assertTrue(body.endsWith("\n\n"), body);
    List<Sse> events = new ArrayList<>();
    for (String block : body.substring(0, body.length() - 2).split("\n\n", -1)) {
      String event = null;
      String data = null;
      for (String line : block.split("\n", -1)) {
        if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          assertEquals(null, data, "two data lines in one event: " + block);
          data = line.substring(6);
        } else {
          throw new AssertionError("not an SSE line: " + line + " in " + block);
        }
      }
      events.add(new Sse(event, data));
    }
    return events;
  }

  /** The data of every event named {@code name}. */
  static List<JsonNode> named(List<Sse> events, String name) {
    return events.stream().filter(e -> name.equals(e.event())).map(Sse::json).toList();
  }

  /** A raw HTTP/1.1 response read until the server closes the connection (the request asks it to). */
  static String raw(EmbeddedTarget target, String path, Map<String, String> headers, String body) {
    try (Socket socket = open(target, path, headers, body, true)) {
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return all.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A socket that has sent the request; the caller reads it and closes it. */
  static Socket open(EmbeddedTarget target, String path, Map<String, String> headers, String body, boolean close)
      throws IOException {
    Socket socket = new Socket("127.0.0.1", target.port());
    socket.setSoTimeout(5000);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: x\r\n");
    if (close) {
      head.append("Connection: close\r\n");
    }
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length).append("\r\n\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
    return socket;
  }

  /** The status line and body of a complete (not chunked) raw response. */
  static String status(String raw) {
    return raw.substring(0, raw.indexOf("\r\n"));
  }

  static JsonNode body(String raw) {
    return TargetTestSupport.parse(raw.substring(raw.indexOf("\r\n\r\n") + 4));
  }

  /** The SSE text of a raw chunked response: the chunk sizes taken out. */
  static String dechunked(String raw) {
    String rest = raw.substring(raw.indexOf("\r\n\r\n") + 4);
    StringBuilder body = new StringBuilder();
    while (!rest.isEmpty()) {
      int eol = rest.indexOf("\r\n");
      if (eol < 0) {
        break;
      }
      int size = Integer.parseInt(rest.substring(0, eol), 16);
      int end = Math.min(rest.length(), eol + 2 + size);
      body.append(rest, eol + 2, end);
      rest = end + 2 <= rest.length() ? rest.substring(end + 2) : "";
    }
    return body.toString();
  }

  /**
   * Holds a one-slot, no-queue target's only slot with a long stream on {@code path}, runs {@code check} (whose
   * request is then refused for want of a slot), and lets the stream go.
   */
  static void withTheOnlySlotTaken(EmbeddedTarget target, String path, Map<String, String> headers, String longBody,
      Runnable check) throws IOException {
    try (Socket holder = open(target, path, headers, longBody, true)) {
      TargetTestSupport.await("the slot taken", TargetTestSupport.TIMEOUT, () -> target.stats().activeStreams() == 1);
      check.run();
      assertTrue(holder.isConnected());
    }
  }
}
