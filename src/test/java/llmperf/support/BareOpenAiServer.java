package llmperf.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A bare OpenAI-compatible server, as vLLM, Ollama's /v1 or LiteLLM are to the suite: /v1/models and
 * /v1/chat/completions only (streamed or not), a bearer key, and no {@code usage} anywhere, so tokens can only be
 * counted from the content events. Each streamed reply is {@code max_tokens} content chunks {@link #TOKEN_INTERVAL_MS}
 * apart. Real HTTP on loopback (the JDK's server), for tests that must not use the reference server's extras.
 */
public final class BareOpenAiServer implements AutoCloseable {

  public static final String MODEL = "bare-model";
  public static final String API_KEY = "sk-bare-server-key";
  public static final long TOKEN_INTERVAL_MS = 5;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService workers = Executors.newCachedThreadPool();

  private BareOpenAiServer(HttpServer server) {
    this.server = server;
  }

  public static BareOpenAiServer start() throws IOException {
    BareOpenAiServer bare = new BareOpenAiServer(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    bare.server.createContext("/v1/models", bare::models);
    bare.server.createContext("/v1/chat/completions", bare::completions);
    bare.server.setExecutor(bare.workers);
    bare.server.start();
    return bare;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void models(HttpExchange exchange) throws IOException {
    if (authorized(exchange)) {
      send(exchange, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL + "\",\"object\":\"model\"}]}");
    }
  }

  private void completions(HttpExchange exchange) throws IOException {
    if (!authorized(exchange)) {
      return;
    }
    JsonNode request = JSON.readTree(exchange.getRequestBody());
    if (!MODEL.equals(request.path("model").asText())) {
      send(exchange, 404, "{\"error\":{\"message\":\"model not found\"}}");
      return;
    }
    int tokens = Math.max(1, request.path("max_tokens").asInt(16));
    if (!request.path("stream").asBoolean()) {
      send(exchange, 200, "{\"object\":\"chat.completion\",\"model\":\"" + MODEL + "\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"" + "word ".repeat(tokens).trim() + "\"},"
          + "\"finish_reason\":\"length\"}]}");
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream body = exchange.getResponseBody()) {
      event(body, "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}");
      for (int i = 0; i < tokens; i++) {
        Thread.sleep(TOKEN_INTERVAL_MS);
        event(body, "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"word \"}}]}");
      }
      event(body, "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},"
          + "\"finish_reason\":\"length\"}]}");
      event(body, "[DONE]");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void event(OutputStream body, String data) throws IOException {
    body.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    body.flush();
  }

  private static boolean authorized(HttpExchange exchange) throws IOException {
    if (("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return true;
    }
    send(exchange, 401, "{\"error\":{\"message\":\"invalid api key\"}}");
    return false;
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
