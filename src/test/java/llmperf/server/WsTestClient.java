package llmperf.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JDK WebSocket that queues every text message, and the close or error that ends it, for a test. */
final class WsTestClient implements WebSocket.Listener, AutoCloseable {

  static final String CLOSED = "<closed ";
  static final String ERROR = "<error ";

  final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final StringBuilder partial = new StringBuilder();
  final WebSocket socket;

  private WsTestClient(HttpClient client, URI uri, String authorization) {
    WebSocket.Builder builder = client.newWebSocketBuilder();
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    this.socket = builder.buildAsync(uri, this).orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** Connects; a refused handshake surfaces as a CompletionException. */
  static WsTestClient connect(HttpClient client, URI uri, String authorization) {
    return new WsTestClient(client, uri, authorization);
  }

  void send(String text) {
    socket.sendText(text, true).orTimeout(5, TimeUnit.SECONDS).join();
  }

  /** The next message, or fails after 5 s. */
  String next() throws InterruptedException {
    String message = received.poll(5, TimeUnit.SECONDS);
    if (message == null) {
      throw new AssertionError("no WebSocket message within 5 s");
    }
    return message;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      received.add(partial.toString());
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    received.add(CLOSED + statusCode + ">");
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    received.add(ERROR + error + ">");
  }

  @Override
  public void close() {
    socket.abort();
  }
}
