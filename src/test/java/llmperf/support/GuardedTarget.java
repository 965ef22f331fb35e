package llmperf.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A target that guards every route with one API key, as llama.cpp's llama-server guards /metrics with its
 * {@code --api-key}: /api/v1/health, /v1/models listing the given names, and /metrics (Prometheus text), each
 * answering 401 without {@code Authorization: Bearer <key>}. Remembers the Authorization each route last saw.
 */
public final class GuardedTarget implements AutoCloseable {

  private final HttpServer server;
  private final String key;
  private final Map<String, String> seen = new ConcurrentHashMap<>();

  private GuardedTarget(HttpServer server, String key) {
    this.server = server;
    this.key = key;
  }

  public static GuardedTarget start(String key, List<String> models) throws IOException {
    GuardedTarget target = new GuardedTarget(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), key);
    target.route("/api/v1/health", "{\"status\":\"ok\"}");
    target.route("/v1/models", "{\"object\":\"list\",\"data\":[" + models.stream()
        .map(id -> "{\"id\":\"" + id + "\",\"object\":\"model\"}").collect(Collectors.joining(",")) + "]}");
    target.route("/metrics", "# TYPE llamacpp:requests_processing gauge\nllamacpp:requests_processing 1\n");
    target.server.start();
    return target;
  }

  private void route(String path, String body) {
    server.createContext(path, exchange -> answer(exchange, path, body));
  }

  private void answer(HttpExchange exchange, String path, String body) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    seen.put(path, String.valueOf(authorization));
    boolean allowed = ("Bearer " + key).equals(authorization);
    byte[] bytes = (allowed ? body : "{\"error\":{\"message\":\"Invalid API Key\"}}").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(allowed ? 200 : 401, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public String metricsUrl() {
    return baseUrl() + "/metrics";
  }

  /** The Authorization header {@code path} last received ("null" when none), or null when it was never asked. */
  public String seenAuthorization(String path) {
    return seen.get(path);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
