package llmperf.client;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One virtual user's idle keep-alive connections, one per host and port, as an OpenAI SDK's HTTP client keeps
 * them: a connection freed by a finished reply serves the user's next request, and closes after a while unused
 * (so that a user who stops early leaks nothing). Touched only from the user's event loop.
 */
public final class Connections {

  private record Idle(Channel channel, ScheduledFuture<?> expiry) {}

  private final Duration keepAlive;
  private final Map<String, Idle> idle = new HashMap<>();

  /** @param keepAlive how long an unused connection stays open; zero: one connection per request */
  public Connections(Duration keepAlive) {
    this.keepAlive = keepAlive;
  }

  /** An open idle connection to {@code hostPort}, or null. */
  Channel take(String hostPort) {
    Idle connection = idle.remove(hostPort);
    if (connection == null) {
      return null;
    }
    connection.expiry().cancel(false);
    return connection.channel().isActive() ? connection.channel() : null;
  }

  /** Keeps a connection whose response is complete for the next request, or closes it without keep-alive. */
  void release(String hostPort, Channel channel) {
    if (keepAlive.isZero() || idle.containsKey(hostPort)) {
      channel.close();
      return;
    }
    ScheduledFuture<?> expiry = channel.eventLoop().schedule(() -> {
      idle.remove(hostPort);
      channel.close();
    }, keepAlive.toNanos(), TimeUnit.NANOSECONDS);
    idle.put(hostPort, new Idle(channel, expiry));
  }

  /** Closes every idle connection: the user's journey is over. */
  public void closeAll() {
    idle.values().forEach(connection -> {
      connection.expiry().cancel(false);
      connection.channel().close();
    });
    idle.clear();
  }
}
