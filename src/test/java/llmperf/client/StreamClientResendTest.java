package llmperf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import llmperf.metrics.ErrorClass;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kept-alive connections against servers that close them, over real loopback sockets: llama.cpp's llama-server
 * advertises keep-alive and closes after each stream, so a request written on the reused connection goes once more on
 * a new one; a response saying {@code Connection: close} (or HTTP/1.0 without keep-alive) is not reused; a new
 * connection that closes is a KO.
 */
class StreamClientResendTest {

  private static final StreamClient.Timeouts TIMEOUTS =
      new StreamClient.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(3));
  private static final String STREAM = "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\ndata: [DONE]\n\n";
  private static EventLoopGroup loops;

  @BeforeAll
  static void startLoops() {
    loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stopLoops() {
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  /** A server that answers one request per connection with {@code headers} and a short event stream, then closes. */
  private static final class OneResponsePerConnection implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    OneResponsePerConnection(String headers) throws IOException {
      this("HTTP/1.1", headers);
    }

    OneResponsePerConnection(String version, String headers) throws IOException {
      acceptor = new Thread(() -> {
        while (!socket.isClosed()) {
          try (Socket client = socket.accept()) {
            connections.incrementAndGet();
            readRequest(client.getInputStream());
            if (headers != null) {
              byte[] body = STREAM.getBytes(StandardCharsets.UTF_8);
              client.getOutputStream().write((version + " 200 OK\r\nContent-Type: text/event-stream\r\n" + headers
                  + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
              client.getOutputStream().write(body);
              client.getOutputStream().flush();
            }
          } catch (IOException closed) {
            // the test is over, or the client went
          }
        }
      });
      acceptor.start();
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1/chat/completions");
    }

    @Override
    public void close() throws Exception {
      socket.close();
      acceptor.join(5_000);
    }
  }

  /** Reads a request's head and its Content-Length body. */
  private static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      head.append((char) b);
    }
    String length = head.toString().toLowerCase().replaceAll("(?s).*content-length: *(\\d+).*", "$1");
    in.readNBytes(length.matches("\\d+") ? Integer.parseInt(length) : 0);
  }

  /** What back-to-back requests from one user came to: failures in order, and how often t0 was reported. */
  private record Outcome(List<String> failures, int sentReports) {}

  /** {@code count} requests from one user, each sent from the end of the one before, as a user's next turn is. */
  private static Outcome backToBack(URI uri, int count) throws Exception {
    EventLoop loop = loops.next();
    Connections connections = new Connections(Duration.ofSeconds(5));
    StreamClient client = new StreamClient(NioSocketChannel::new, TIMEOUTS);
    List<String> failures = new ArrayList<>();
    AtomicInteger sentReports = new AtomicInteger();
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    Runnable[] next = new Runnable[1];
    next[0] = () -> client.send(loop, connections, new StreamClient.Request(HttpMethod.POST, uri,
        new DefaultHttpHeaders(), "{}".getBytes(StandardCharsets.UTF_8)), new StreamClient.Listener() {
          @Override
          public void sent(long at) {
            sentReports.incrementAndGet();
          }

          @Override
          public void head(long at, int status) {}

          @Override
          public boolean event(long at, String name, String data) {
            return data.equals("[DONE]");
          }

          @Override
          public void ended(long at, String failure) {
            failures.add(failure);
            if (failures.size() == count) {
              connections.closeAll();
              done.complete(new Outcome(failures, sentReports.get()));
            } else {
              next[0].run();
            }
          }
        });
    loop.execute(next[0]);
    return done.get(30, TimeUnit.SECONDS);
  }

  @Test
  void aServerThatClosesAKeptAliveConnectionCostsNoRequest() throws Exception {
    try (OneResponsePerConnection llamaCpp = new OneResponsePerConnection("Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n")) {
      StreamClient.Resends before = StreamClient.resends();
      Outcome outcome = backToBack(llamaCpp.uri(), 40);
      StreamClient.Resends run = StreamClient.resends().since(before);
      assertEquals(40, outcome.failures().stream().filter(f -> f == null).count(), "0 KO: " + outcome.failures());
      assertEquals(40, run.requests());
      assertTrue(run.resent() > 0, "the reused connections were found closing: " + run);
      assertEquals(outcome.sentReports() - 40, run.resent(), "each re-sent request reported its new t0 once more");
      assertEquals(40, llamaCpp.connections.get(), "one connection per answered request");
    }
  }

  @Test
  void aResponseSayingConnectionCloseIsNotReused() throws Exception {
    try (OneResponsePerConnection closing = new OneResponsePerConnection("Connection: close\r\n")) {
      StreamClient.Resends before = StreamClient.resends();
      Outcome outcome = backToBack(closing.uri(), 20);
      StreamClient.Resends run = StreamClient.resends().since(before);
      assertEquals(20, outcome.failures().stream().filter(f -> f == null).count(), "0 KO: " + outcome.failures());
      assertEquals(0, run.resent(), "no connection was reused, so none needed a second send");
      assertEquals(20, outcome.sentReports());
      assertEquals(20, closing.connections.get());
    }
  }

  @Test
  void anHttp10ResponseWithoutKeepAliveIsNotReused() throws Exception {
    try (OneResponsePerConnection http10 = new OneResponsePerConnection("HTTP/1.0", "")) {
      StreamClient.Resends before = StreamClient.resends();
      Outcome outcome = backToBack(http10.uri(), 10);
      assertEquals(10, outcome.failures().stream().filter(f -> f == null).count(), "0 KO: " + outcome.failures());
      assertEquals(0, StreamClient.resends().since(before).resent());
      assertEquals(10, http10.connections.get());
    }
  }

  @Test
  void aNewConnectionThatClosesBeforeTheHeadIsStillDropped() throws Exception {
    try (OneResponsePerConnection silent = new OneResponsePerConnection(null)) {
      StreamClient.Resends before = StreamClient.resends();
      Outcome outcome = backToBack(silent.uri(), 3);
      assertEquals(0, StreamClient.resends().since(before).resent());
      for (String failure : outcome.failures()) {
        assertTrue(failure != null && failure.startsWith(ErrorClass.DROPPED.message("the connection closed before")),
            failure);
      }
      assertEquals(3, outcome.sentReports());
    }
  }

  @Test
  void theShareOfResentRequestsIsInPercent() {
    assertEquals(12.5, new StreamClient.Resends(8, 1).percent());
    assertEquals(0, new StreamClient.Resends(0, 0).percent());
  }
}
