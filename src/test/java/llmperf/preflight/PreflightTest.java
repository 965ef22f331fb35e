package llmperf.preflight;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import llmperf.config.SuiteConfig;
import llmperf.config.TargetConfig;
import org.junit.jupiter.api.Test;

/** The probe before any load, against real sockets on loopback: each way a target can be unusable, in one line. */
class PreflightTest {

  private static final String SKIP = " (-Dtarget.preflight=false skips this probe)";

  private static TargetConfig target(String baseUrl) {
    return target(baseUrl, "1s");
  }

  private static TargetConfig target(String baseUrl, String connectTimeout) {
    return SuiteConfig.load(Map.of("target.base-url", baseUrl, "target.timeouts.connect", connectTimeout,
        "target.api-key", "sk-preflight-secret-key"), Map.of()).target();
  }

  private static String refusal(String baseUrl) {
    return refusal(target(baseUrl));
  }

  private static String refusal(TargetConfig target) {
    PreflightError error = assertThrows(PreflightError.class, () -> Preflight.requireReachable(target, "health"));
    assertEquals(0, error.getStackTrace().length, "one line, no stack trace");
    return error.getMessage();
  }

  /** A server answering every request with {@code status}; the key it was sent, if any, goes to {@code seenKey}. */
  private static HttpServer answering(int status, String[] seenKey) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      seenKey[0] = exchange.getRequestHeaders().getFirst("Authorization");
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
    return server;
  }

  private static String base(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void aClosedPortIsRefused() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    assertEquals("GET http://127.0.0.1:" + port + "/api/v1/health: connection refused (nothing listens there: is"
        + " the service up?)" + SKIP, refusal("http://127.0.0.1:" + port));
  }

  @Test
  void aPortThatNeverAnswersTimesOut() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      long started = System.nanoTime();
      assertEquals("GET http://127.0.0.1:" + silent.getLocalPort() + "/api/v1/health: connected, but no answer"
          + " within 1000 ms (target.timeouts.connect)" + SKIP, refusal("http://127.0.0.1:" + silent.getLocalPort()));
      assertTrue(System.nanoTime() - started < 10_000_000_000L, "bounded by the connect timeout");
    }
  }

  @Test
  void aRefusedKeyStopsTheRunWithoutShowingIt() throws IOException {
    String[] seenKey = new String[1];
    HttpServer server = answering(401, seenKey);
    try {
      String line = refusal(base(server));
      assertEquals("GET " + base(server) + "/api/v1/health: HTTP 401, the target refused the API key"
          + " (target.api-key or LLM_API_KEY)" + SKIP, line);
      assertEquals("Bearer sk-preflight-secret-key", seenKey[0], "the probe sends the configured key");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aMissingRouteNamesTheSettingThatPointsAtIt() throws IOException {
    HttpServer server = answering(404, new String[1]);
    try {
      assertEquals("GET " + base(server) + "/api/v1/health: HTTP 404 (target.paths.health names the route)" + SKIP,
          refusal(base(server)));
    } finally {
      server.stop(0);
    }
  }

  /** A plain HTTP server answering a TLS client hello with an HTTP error, as one does when https is misconfigured. */
  @Test
  void tlsToAPlainHttpPortFails() throws Exception {
    try (ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread answer = new Thread(() -> {
        try (Socket client = plain.accept()) {
          // As an HTTP server does: read what came (the client hello) before answering, so the answer never races it.
          client.getInputStream().read(new byte[4096]);
          client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
          // Then wait for the client to give up, as a server lingers: closing at once with unread bytes sends a
          // reset, which the JDK's client can sit on until its connect timeout instead of reporting the TLS failure.
          client.setSoTimeout(10_000);
          while (client.getInputStream().read(new byte[4096]) >= 0) {
            // drained until the client closes
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      answer.start();
      // The JVM's first TLS handshake sets up its SSL context, which on a loaded machine can outlast a 1 s timeout.
      String line = refusal(target("https://127.0.0.1:" + plain.getLocalPort(), "20s"));
      assertTrue(line.startsWith("GET https://127.0.0.1:" + plain.getLocalPort() + "/api/v1/health: TLS failed: "),
          line);
      answer.join(5_000);
    }
  }

  @Test
  void aTargetThatAnswersPassesAndTheEmbeddedOneIsNotProbed() throws IOException {
    HttpServer server = answering(200, new String[1]);
    try {
      assertDoesNotThrow(() -> Preflight.requireReachable(target(base(server)), "health"));
    } finally {
      server.stop(0);
    }
    assertDoesNotThrow(() -> Preflight.requireReachable(SuiteConfig.load(Map.of(), Map.of()).target(), "health"));
    assertDoesNotThrow(() -> Preflight.requireReachable(SuiteConfig.load(Map.of("target.base-url",
        "http://127.0.0.1:9", "target.preflight", "false"), Map.of()).target(), "health"));
  }
}
