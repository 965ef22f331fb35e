package llmperf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Shared helpers for the target's tests: fast settings, a JDK HTTP client, bounded waits. */
final class TargetTestSupport {

  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final String PASSWORD = "pw";
  static final String API_KEY = "sk-test-key";

  private TargetTestSupport() {}

  /** Millisecond-scale latencies so tests run fast; no contention so timings are predictable. */
  static TargetSettings fast() {
    return new TargetSettings(
        "127.0.0.1", 0, 7L, API_KEY, PASSWORD, "test-model", 64 * 1024,
        Duration.ofMillis(1), Duration.ofMillis(2),
        Duration.ofMillis(2), Duration.ofMillis(4),
        4, 4, Duration.ofMillis(1500),
        Duration.ofMillis(5), Duration.ZERO, Duration.ofMillis(2), 0.0,
        16, 0.5,
        Duration.ofMillis(10), 32_000, 10,
        Faults.none());
  }

  static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(TIMEOUT)
        .build();
  }

  static HttpRequest.Builder request(EmbeddedTarget target, String path) {
    return HttpRequest.newBuilder(URI.create(target.baseUrl() + path)).timeout(TIMEOUT);
  }

  /** A request to {@code path} with a bearer token: a user's JWT (/api/v1) or an API key (/v1). */
  static HttpRequest.Builder authorized(EmbeddedTarget target, String path, String token) {
    return request(target, path).header("Authorization", "Bearer " + token);
  }

  static HttpRequest.BodyPublisher json(String body) {
    return HttpRequest.BodyPublishers.ofString(body);
  }

  static HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("request failed: " + request, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static JsonNode parse(String body) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  static String login(HttpClient client, EmbeddedTarget target) {
    return login(client, target, "alice");
  }

  static String login(HttpClient client, EmbeddedTarget target, String username) {
    HttpResponse<String> resp = send(client, request(target, "/api/v1/auth/login")
        .POST(json("{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}"))
        .build());
    assertEquals(200, resp.statusCode(), resp.body());
    return parse(resp.body()).get("access_token").asText();
  }

  /** Asserts the standard error shape and returns the message. */
  static String errorMessage(HttpResponse<String> resp, int status) {
    assertEquals(status, resp.statusCode(), resp.body());
    JsonNode error = parse(resp.body()).get("error");
    assertEquals(status, error.get("code").asInt(), resp.body());
    assertEquals(true, error.get("type").isTextual());
    return error.get("message").asText();
  }

  /** One line of a streamed body and when it arrived. */
  record TimedLine(long nanos, String line) {}

  /**
   * A streamed response read line by line, with the times it was sent and its headers arrived. The
   * target sends headers on admission, so times from the headers leave the client's own start-up out;
   * times from sending are never shorter than what the server planned.
   */
  record Streamed(int status, HttpHeaders headers, long sentNanos, long headersNanos,
      List<TimedLine> lines) {

    /** Milliseconds from the headers to the first content token (a content delta starting with a space). */
    double firstTokenMillis() {
      return (firstTokenNanos() - headersNanos) / 1e6;
    }

    /** Milliseconds from sending the request to the first content token. */
    double firstTokenMillisFromSend() {
      return (firstTokenNanos() - sentNanos) / 1e6;
    }

    private long firstTokenNanos() {
      return lines.stream().filter(l -> l.line().contains("\"content\":\" "))
          .findFirst().orElseThrow().nanos();
    }

    List<String> text() {
      return lines.stream().map(TimedLine::line).toList();
    }
  }

  /** Sends a request and reads its body line by line until it ends; an abrupt end fails. */
  static Streamed stream(HttpClient client, HttpRequest request) {
    long sent = System.nanoTime();
    try {
      HttpResponse<Stream<String>> resp = client.send(request, HttpResponse.BodyHandlers.ofLines());
      long headers = System.nanoTime();
      List<TimedLine> lines = new ArrayList<>();
      try (Stream<String> body = resp.body()) {
        body.forEach(line -> lines.add(new TimedLine(System.nanoTime(), line)));
      }
      return new Streamed(resp.statusCode(), resp.headers(), sent, headers, lines);
    } catch (IOException e) {
      throw new AssertionError("request failed: " + request, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static HttpRequest chatCompletion(EmbeddedTarget target, String body) {
    return request(target, "/v1/chat/completions")
        .header("Authorization", "Bearer " + API_KEY)
        .header("Content-Type", "application/json")
        .POST(json(body))
        .build();
  }

  static void await(String what, Duration within, BooleanSupplier condition) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
