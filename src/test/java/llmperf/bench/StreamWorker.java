package llmperf.bench;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import llmperf.server.EmbeddedTarget;

/**
 * One closed-loop worker on one connection: sends a stream, reads it line by line as it arrives, and sends
 * the next when it ends, until the level stops. Runs on its connection's event loop only. A failed stream
 * closes the connection and the worker reconnects after a pause.
 */
final class StreamWorker extends SimpleChannelInboundHandler<HttpObject> {

  /** The key of a content delta in the target's chunk format (OpenAiRoutes.ChunkSink). */
  private static final String CONTENT_KEY = "\"content\":\"";

  private final StreamClient client;
  private final LevelCounters level;
  /** The bytes of a line split across reads. */
  private final StringBuilder partialLine = new StringBuilder();
  private boolean streaming;
  private long sentNanos;
  private int status;
  private double configuredTtftMillis;
  private boolean keepAlive;
  private boolean sawToken;
  private long firstTokenNanos;
  private boolean sawDone;
  private String failure;

  StreamWorker(StreamClient client, LevelCounters level) {
    this.client = client;
    this.level = level;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    sendNext(ctx);
  }

  private void sendNext(ChannelHandlerContext ctx) {
    if (System.nanoTime() >= level.stopNanos) {
      ctx.close();
      level.workersDone.countDown();
      return;
    }
    streaming = true;
    status = 0;
    configuredTtftMillis = Double.NaN;
    keepAlive = false;
    sawToken = false;
    sawDone = false;
    partialLine.setLength(0);
    sentNanos = System.nanoTime();
    ctx.writeAndFlush(client.request()).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
    if (msg instanceof HttpResponse response) {
      status = response.status().code();
      keepAlive = HttpUtil.isKeepAlive(response);
      String prefill = response.headers().get(EmbeddedTarget.PREFILL_HEADER);
      if (prefill != null) {
        configuredTtftMillis = Double.parseDouble(prefill);
      }
    }
    if (msg instanceof HttpContent content) {
      readLines(content.content().toString(StandardCharsets.UTF_8));
    }
    if (msg instanceof LastHttpContent) {
      streamEnded(ctx);
    }
  }

  private void readLines(String text) {
    int from = 0;
    for (int newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', from)) {
      if (partialLine.length() > 0) {
        line(partialLine.append(text, from, newline).toString());
        partialLine.setLength(0);
      } else {
        line(text.substring(from, newline));
      }
      from = newline + 1;
    }
    partialLine.append(text, from, text.length());
  }

  private void line(String line) {
    if (!line.startsWith("data: ")) {
      return;
    }
    if (line.equals("data: [DONE]")) {
      sawDone = true;
      return;
    }
    // A plain search, not a JSON parse per token: this client shares the cores with the server. The role
    // chunk's content is "" and is not a token.
    int content = line.indexOf(CONTENT_KEY);
    int first = content + CONTENT_KEY.length();
    if (content >= 0 && first < line.length() && line.charAt(first) != '"') {
      long now = System.nanoTime();
      if (!sawToken) {
        sawToken = true;
        firstTokenNanos = now;
      }
      if (level.inWindow(now)) {
        level.tokensInWindow.increment();
      }
    }
  }

  private void streamEnded(ChannelHandlerContext ctx) {
    streaming = false;
    String error = status != 200 ? "HTTP " + status
        : Double.isNaN(configuredTtftMillis) ? "no " + EmbeddedTarget.PREFILL_HEADER + " header"
        : !sawToken ? "no content token"
        : !sawDone ? "no data: [DONE]"
        : null;
    if (error != null) {
      failure = error;
      ctx.close();
      return;
    }
    level.completed(sentNanos, System.nanoTime(), (firstTokenNanos - sentNanos) / 1e6, configuredTtftMillis);
    if (keepAlive) {
      sendNext(ctx);
    } else {
      // The server chose to close: not an error, the worker goes on with a new connection.
      ctx.close().addListener(closed -> client.connect(level));
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    failure = StreamClient.describe(cause);
    ctx.close();
  }

  /** The connection is gone; if it was not ended by the worker itself, a stream failed. */
  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (failure == null && streaming) {
      failure = "connection closed mid-stream";
    }
    if (failure != null) {
      level.error(failure);
      client.retryLater(level);
    }
  }
}
