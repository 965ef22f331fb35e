package llmperf.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import llmperf.server.EmbeddedTarget;
import llmperf.server.TargetSettings;

/**
 * The load generator's side of the connections: opens each worker's keep-alive connection to the target and
 * builds the streaming chat completion that every worker sends.
 */
final class StreamClient {

  static final int MAX_TOKENS = 64;
  /** The name prefix of the client's event-loop threads, by which their CPU time is told apart. */
  static final String THREAD_NAME = "benchmark-client";
  private static final int THREADS = 2;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** A worker whose stream failed waits this long before reconnecting, so a broken target does not spin. */
  private static final Duration ERROR_PAUSE = Duration.ofMillis(100);
  private static final String PATH = "/v1/chat/completions";

  private final EventLoopGroup group;
  private final Bootstrap bootstrap;
  private final HttpHeaders requestHeaders;
  private final byte[] requestBody;

  StreamClient(TargetSettings settings, EmbeddedTarget target, EventLoopGroup group) {
    this.group = group;
    URI base = URI.create(target.baseUrl());
    this.bootstrap = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
        .remoteAddress(new InetSocketAddress(base.getHost(), base.getPort()));
    this.requestBody = ("{\"model\":\"" + settings.model() + "\",\"stream\":true,"
        + "\"stream_options\":{\"include_usage\":true},\"max_tokens\":" + MAX_TOKENS + ","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Write a haiku about load testing.\"}]}")
        .getBytes(StandardCharsets.UTF_8);
    this.requestHeaders = new DefaultHttpHeaders()
        .set(HttpHeaderNames.HOST, base.getHost() + ":" + base.getPort())
        .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + settings.apiKey())
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .set(HttpHeaderNames.ACCEPT, "text/event-stream")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, requestBody.length);
  }

  /** The client's event loops: two threads like the server's, no thread per stream. */
  static EventLoopGroup newEventLoopGroup() {
    return new MultiThreadIoEventLoopGroup(THREADS, new DefaultThreadFactory(THREAD_NAME, true),
        NioIoHandler.newFactory());
  }

  /** Starts the level's workers, their starts spread evenly over {@code rampNanos}. */
  void startWorkers(LevelCounters level, long rampNanos) {
    for (int i = 0; i < level.concurrency; i++) {
      group.schedule(() -> connect(level), rampNanos * i / level.concurrency, TimeUnit.NANOSECONDS);
    }
  }

  /** Opens a worker's connection, which then runs streams back to back; a worker that is past the stop ends. */
  void connect(LevelCounters level) {
    if (System.nanoTime() >= level.stopNanos) {
      level.workersDone.countDown();
      return;
    }
    bootstrap.clone()
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            level.channels.add(ch);
            ch.pipeline().addLast(new HttpClientCodec(), new StreamWorker(StreamClient.this, level));
          }
        })
        .connect()
        .addListener((ChannelFuture connected) -> {
          if (!connected.isSuccess()) {
            level.error(describe(connected.cause()));
            retryLater(level);
          }
        });
  }

  void retryLater(LevelCounters level) {
    group.schedule(() -> connect(level), ERROR_PAUSE.toNanos(), TimeUnit.NANOSECONDS);
  }

  FullHttpRequest request() {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, PATH,
        Unpooled.wrappedBuffer(requestBody));
    request.headers().set(requestHeaders);
    return request;
  }

  static String describe(Throwable failure) {
    return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
  }
}
