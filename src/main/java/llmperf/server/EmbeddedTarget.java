package llmperf.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The embedded reference target: a seeded, fault-injectable stand-in for the systems under test, served
 * over real HTTP/1.1 and WebSocket on two event-loop threads.
 */
public final class EmbeddedTarget implements AutoCloseable {

  /** Response header of every streamed reply: the prefill (planned TTFT) the server scheduled, in ms. */
  public static final String PREFILL_HEADER = "x-llmperf-prefill-ms";
  /** Request header naming a request, under which the server records what it did with it. */
  public static final String REQUEST_ID_HEADER = "x-request-id";

  /**
   * The server's own record of one generation, in epoch nanoseconds of {@link llmperf.clock.MonotonicClock};
   * -1 where a step did not happen.
   *
   * @param receivedAt the request was read
   * @param queueWaitNanos from admission to a free slot
   * @param prefillNanos the planned prefill (the TTFT of a reply that did not queue)
   * @param headAt the response head was written
   * @param firstContentAt the first token of any kind (reasoning, content, tool-call piece) was written
   * @param firstReasoningAt the first reasoning token was written
   * @param firstAnswerAt the first answer token (content or tool-call piece) was written
   * @param lastContentAt the last token of any kind was written
   * @param endAt the terminal event was written, or the generation otherwise ended
   * @param outcome done, truncated, dropped, failed or pending
   * @param cachedTokens the prompt's leading tokens the prefix cache held, whose prefill was skipped
   */
  public record ServerRecord(String requestId, long receivedAt, long queueWaitNanos, long prefillNanos, long headAt,
      long firstContentAt, long firstReasoningAt, long firstAnswerAt, long lastContentAt, long endAt,
      String outcome, int cachedTokens) {

    /** The record of a reply without reasoning or prefix-cache hit, whose first token is its answer's. */
    public ServerRecord(String requestId, long receivedAt, long queueWaitNanos, long prefillNanos, long headAt,
        long firstContentAt, long lastContentAt, long endAt, String outcome) {
      this(requestId, receivedAt, queueWaitNanos, prefillNanos, headAt, firstContentAt, -1, firstContentAt,
          lastContentAt, endAt, outcome, 0);
    }
  }

  private static final int WORKER_THREADS = 2;

  private final TargetState state;
  private final EventLoopGroup group;
  private final Channel serverChannel;
  private final String host;
  private final int port;
  private boolean closed;

  private EmbeddedTarget(TargetState state, EventLoopGroup group, Channel serverChannel) {
    this.state = state;
    this.group = group;
    this.serverChannel = serverChannel;
    this.port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    this.host = urlHost(state.settings.host());
  }

  /** Binds host:port (port 0 picks a free one) and returns once the socket is listening. */
  public static EmbeddedTarget start(TargetSettings settings) {
    TargetState state = new TargetState(settings);
    Router router = new Router(state);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(WORKER_THREADS,
        new DefaultThreadFactory("embedded-target"), NioIoHandler.newFactory());
    try {
      Channel channel = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline()
                  .addLast("http-codec", new HttpServerCodec())
                  .addLast("http-aggregator", new HttpObjectAggregator(settings.maxBodyBytes()))
                  .addLast("http-handler", new HttpHandler(state, router));
            }
          })
          .bind(settings.host(), settings.port())
          .syncUninterruptibly()
          .channel();
      return new EmbeddedTarget(state, group, channel);
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    } catch (Exception e) {
      // bind() reports BindException and friends without declaring them.
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw new IllegalStateException(
          "cannot listen on " + settings.host() + ":" + settings.port() + ": " + e, e);
    }
  }

  /** A wildcard or "localhost" bind is reached through the IPv4 loopback address. */
  private static String urlHost(String bindHost) {
    return switch (bindHost) {
      case "", "0.0.0.0", "::", "localhost" -> "127.0.0.1";
      default -> bindHost.contains(":") ? "[" + bindHost + "]" : bindHost;
    };
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://" + host + ":" + port;
  }

  public String wsUrl() {
    return "ws://" + host + ":" + port;
  }

  public void setFaults(Faults f) {
    state.setFaults(f);
  }

  public Faults faults() {
    return state.faults();
  }

  public TargetStats stats() {
    return state.stats();
  }

  /** The record of the request named {@code requestId}, handed out once; null when the server kept none. */
  public ServerRecord takeRecord(String requestId) {
    return state.traces.take(requestId);
  }

  /**
   * Ends running streams with an error event, stops listening and releases the port; returns within a few
   * seconds whatever the clients do.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // Let running streams write their error event before the event loops stop and close every connection.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    for (Future<?> aborted : state.pool.shutdown("target shutting down")) {
      aborted.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
    serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }
}
