package llmperf.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Faults switched during a run through the embedded target's admin route, on a port the test picks before the run
 * starts ({@code embedded-target.port}): a timeline the test controls, so that its truth is known.
 */
public final class AdminFaults implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final int port;
  private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();

  private AdminFaults(int port) {
    this.port = port;
  }

  /** On a free loopback port, for the run's embedded target. */
  public static AdminFaults onFreePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return new AdminFaults(socket.getLocalPort());
    }
  }

  public int port() {
    return port;
  }

  /** Sets these faults (the admin route's JSON) this long after now; then runs {@code after}, if given. */
  public void at(long millis, String json, Runnable after) {
    clock.schedule(() -> {
      set(json);
      if (after != null) {
        after.run();
      }
    }, millis, TimeUnit.MILLISECONDS);
  }

  public void at(long millis, String json) {
    at(millis, json, null);
  }

  private void set(String json) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
              + "/admin/faults")).timeout(Duration.ofSeconds(5)).PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("admin route refused " + json + ": " + response.body());
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("could not set faults " + json, e);
    }
  }

  @Override
  public void close() {
    clock.shutdownNow();
  }
}
