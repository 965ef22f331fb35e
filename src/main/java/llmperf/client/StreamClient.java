package llmperf.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import llmperf.clock.MonotonicClock;
import llmperf.metrics.ErrorClass;

/**
 * The suite's own client for streamed replies (server-sent events over GET or POST), on the event loop it is given
 * (a Gatling virtual user's): no thread per stream, no reconnect, no replay. A dropped stream is over, and says so.
 *
 * <p>Every time it reports comes from {@link MonotonicClock}: t0 when the request is written to its connection (a
 * kept-alive one, or one opened for it), each event when the bytes holding it are read from the socket.
 */
public final class StreamClient {

  /**
   * @param connect longest wait for a new connection
   * @param head longest wait from the request to the response head
   * @param reply longest wait from t0 to the end of the reply
   * @param idle longest silence within a reply once its head came
   */
  public record Timeouts(Duration connect, Duration head, Duration reply, Duration idle) {}

  /** One request: the headers the caller sets (authorization, request id, content type) and the body, if any. */
  public record Request(HttpMethod method, URI uri, HttpHeaders headers, byte[] body) {

    String hostPort() {
      return uri.getHost() + ":" + port();
    }

    int port() {
      return uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
    }
  }

  /** What happens to one request, in order, on the event loop. */
  public interface Listener {

    /**
     * t0, before anything else is reported: the request is written to its connection (or, when no connection could
     * be opened, the attempt started). Reported again, with the later t0, when the request is re-sent on a new
     * connection (see {@link StreamClient#send}).
     */
    void sent(long at);

    /** The response head came with this status. */
    void head(long at, int status);

    /** One event of a 200 event stream; returns whether it ends the reply (its terminal or an error event). */
    boolean event(long at, String name, String data);

    /**
     * The exchange is over, once: {@code failure} is null when the reply ended (the listener judges its content),
     * else why it did not, starting with its {@link ErrorClass} label.
     */
    void ended(long at, String failure);
  }

  private final ChannelFactory<? extends SocketChannel> channels;
  private final Timeouts timeouts;

  /** @param channels the socket channels that fit the event loops the requests run on */
  public StreamClient(ChannelFactory<? extends SocketChannel> channels, Timeouts timeouts) {
    this.channels = channels;
    this.timeouts = timeouts;
  }

  /**
   * How many requests were sent since the JVM started, and how many of them went a second time because the kept-alive
   * connection they were written on closed before the response head. A server that closes a connection it advertised
   * as kept alive (llama.cpp's llama-server after each stream) is worth knowing about.
   */
  public record Resends(long requests, long resent) {

    /** What happened after {@code before} was taken: one run's share of a JVM that ran several. */
    public Resends since(Resends before) {
      return new Resends(requests - before.requests, resent - before.resent);
    }

    public double percent() {
      return requests == 0 ? 0 : 100.0 * resent / requests;
    }
  }

  private static final LongAdder REQUESTS = new LongAdder();
  private static final LongAdder RESENT = new LongAdder();

  public static Resends resends() {
    return new Resends(REQUESTS.sum(), RESENT.sum());
  }

  /**
   * Sends {@code request} from {@code loop}, on an idle connection of {@code connections} or a new one. A kept-alive
   * connection that closes before the response head was already closing when the request was written (the server
   * ended it after the last response): the request goes once more on a new connection, as httpx, OkHttp and Netty's
   * pools do, and the listener hears {@code sent} again: t0 is the send that got the answer, so TTFT is not charged
   * with the wasted attempt. A new connection that closes early is a failed request.
   */
  public void send(EventLoop loop, Connections connections, Request request, Listener listener) {
    REQUESTS.increment();
    Channel idle = connections.take(request.hostPort());
    if (idle == null) {
      connect(loop, request, new StreamExchange(request, listener, timeouts, connections, null));
      return;
    }
    new StreamExchange(request, listener, timeouts, connections, () -> {
      RESENT.increment();
      connect(loop, request, new StreamExchange(request, listener, timeouts, connections, null));
    }).start(idle, encode(request));
  }

  private void connect(EventLoop loop, Request request, StreamExchange exchange) {
    ChannelFuture connecting = new Bootstrap()
        .group(loop)
        .channelFactory(channels)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeouts.connect().toMillis()))
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            channel.pipeline().addLast("http", new HttpClientCodec());
          }
        })
        .connect(request.uri().getHost(), request.port());
    long connectingSince = MonotonicClock.epochNanos();
    connecting.addListener(connected -> {
      if (connected.isSuccess()) {
        exchange.start(connecting.channel(), encode(request));
      } else {
        exchange.connectFailed(connectingSince, MonotonicClock.epochNanos(), connectFailure(connected.cause()));
      }
    });
  }

  private static FullHttpRequest encode(Request request) {
    String target = request.uri().getRawPath() + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery());
    FullHttpRequest http = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, request.method(),
        target.isEmpty() ? "/" : target, request.body() == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(request.body()));
    http.headers().set(request.headers());
    http.headers().set(HttpHeaderNames.HOST, request.uri().getHost() + (request.uri().getPort() > 0 ? ":" + request.uri().getPort() : ""));
    http.headers().set(HttpHeaderNames.ACCEPT, HttpHeaderValues.TEXT_EVENT_STREAM);
    http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, http.content().readableBytes());
    return http;
  }

  private String connectFailure(Throwable cause) {
    if (cause instanceof ConnectTimeoutException) {
      return ErrorClass.CONNECT_TIMEOUT.message("no connection within " + timeouts.connect().toMillis() + " ms");
    }
    if (cause instanceof UnknownHostException) {
      return ErrorClass.CONNECTION_REFUSED.message("unknown host " + cause.getMessage());
    }
    if (cause instanceof ConnectException) {
      return ErrorClass.CONNECTION_REFUSED.message(String.valueOf(cause.getMessage()));
    }
    return ErrorClass.CONNECTION_REFUSED.message(cause.toString());
  }
}
