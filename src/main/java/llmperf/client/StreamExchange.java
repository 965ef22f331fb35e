package llmperf.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import llmperf.clock.MonotonicClock;
import llmperf.metrics.ErrorClass;

/**
 * One request and its streamed response on one connection: parses the event stream as its bytes arrive, watches
 * the head, reply and idle timeouts, and ends exactly once. A connection whose response ended cleanly and may stay
 * open goes back to the user's {@link Connections}; any other is closed.
 */
final class StreamExchange extends ChannelInboundHandlerAdapter {

  private static final String HANDLER = "stream-exchange";
  /** Enough of an error body to say what the server meant. */
  private static final int ERROR_BODY_BYTES = 300;

  private final StreamClient.Request request;
  private final StreamClient.Listener listener;
  private final StreamClient.Timeouts timeouts;
  private final Connections connections;
  /** Sends the request again on a new connection; null unless this one was reused. */
  private final Runnable resend;
  private final SseParser parser = new SseParser();
  private final StringBuilder errorBody = new StringBuilder();
  private Channel channel;
  private ScheduledFuture<?> replyTimer;
  private ScheduledFuture<?> silenceTimer;
  private int status;
  private boolean keepAlive;
  private boolean over;
  private boolean ended;
  private int events;

  StreamExchange(StreamClient.Request request, StreamClient.Listener listener, StreamClient.Timeouts timeouts,
      Connections connections, Runnable resend) {
    this.resend = resend;
    this.request = request;
    this.listener = listener;
    this.timeouts = timeouts;
    this.connections = connections;
  }

  void start(Channel connection, FullHttpRequest http) {
    channel = connection;
    channel.pipeline().addLast(HANDLER, this);
    replyTimer = channel.eventLoop().schedule(this::replyTimedOut, timeouts.reply().toNanos(), TimeUnit.NANOSECONDS);
    arm(timeouts.head(), () -> ErrorClass.REQUEST_TIMEOUT.message(
        "no response head within " + timeouts.head().toMillis() + " ms"));
    listener.sent(MonotonicClock.epochNanos());
    channel.writeAndFlush(http).addListener(written -> {
      if (!written.isSuccess() && !resent()) {
        end(MonotonicClock.epochNanos(), ErrorClass.DROPPED.message("request not sent: " + written.cause()), false);
      }
    });
  }

  /** No connection: t0 is when the attempt started. */
  void connectFailed(long attemptedAt, long at, String failure) {
    ended = true;
    listener.sent(attemptedAt);
    listener.ended(at, failure);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    long at = MonotonicClock.epochNanos();
    try {
      if (ended) {
        return;
      }
      if (message instanceof HttpResponse head) {
        status = head.status().code();
        keepAlive = HttpUtil.isKeepAlive(head);
        listener.head(at, status);
        String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (status == 200 && !type.startsWith("text/event-stream")) {
          end(at, ErrorClass.INVALID_BODY.message("not an event stream: " + (type.isEmpty() ? "no content type" : type)),
              false);
          return;
        }
        if (status != 200) {
          errorBody.append(retryAfter(head));
        }
        armSilence();
      }
      if (message instanceof HttpContent content) {
        body(at, content.content());
        if (!ended && message instanceof LastHttpContent) {
          responseEnded(at);
        }
      }
    } finally {
      ReferenceCountUtil.release(message);
    }
  }

  private void body(long at, ByteBuf bytes) {
    if (status != 200) {
      int room = ERROR_BODY_BYTES - errorBody.length();
      if (room > 0) {
        errorBody.append(bytes.toString(bytes.readerIndex(), Math.min(room, bytes.readableBytes()), StandardCharsets.UTF_8));
      }
      return;
    }
    if (over || !bytes.isReadable()) {
      return;
    }
    armSilence();
    try {
      parser.feed(bytes, (name, data) -> {
        events++;
        if (!over) {
          over = listener.event(at, name, data);
        }
      });
    } catch (SseParser.InvalidStream e) {
      end(at, ErrorClass.INVALID_BODY.message(e.getMessage()), false);
    }
  }

  private void responseEnded(long at) {
    if (status != 200) {
      end(at, ErrorClass.HTTP_STATUS.message(status + ": " + errorBody.toString().strip()), keepAlive);
    } else if (over) {
      end(at, null, keepAlive);
    } else {
      end(at, ErrorClass.TRUNCATED.message("the response ended without a terminal event, after " + events + " events"),
          keepAlive);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    long at = MonotonicClock.epochNanos();
    if (over) {
      end(at, null, false);
    } else if (resent()) {
      return;
    } else if (status == 0) {
      end(at, ErrorClass.DROPPED.message("the connection closed before the response head"), false);
    } else {
      end(at, ErrorClass.DROPPED.message("after " + events + " events"), false);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    long at = MonotonicClock.epochNanos();
    if (over) {
      end(at, null, false);
    } else if (!resent()) {
      end(at, ErrorClass.DROPPED.message("after " + events + " events: " + cause.getMessage()), false);
    }
  }

  private void replyTimedOut() {
    long at = MonotonicClock.epochNanos();
    end(at, over ? null : ErrorClass.REQUEST_TIMEOUT.message("no end of the reply within "
        + timeouts.reply().toMillis() + " ms, after " + events + " events"), false);
  }

  /** Silence after the head: the reply stalled (or, before any event, the generation never started). */
  private void armSilence() {
    arm(timeouts.idle(), () -> ErrorClass.STALLED.message("silent for " + timeouts.idle().toMillis()
        + " ms after " + events + " events"));
  }

  private void arm(Duration wait, Supplier<String> failure) {
    if (silenceTimer != null) {
      silenceTimer.cancel(false);
    }
    silenceTimer = channel.eventLoop().schedule(() -> {
      if (!over) {
        end(MonotonicClock.epochNanos(), failure.get(), false);
      }
    }, wait.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * A reused connection that failed before the response head was closing when the request was written: the request
   * goes again on a new connection (see {@link StreamClient#send}), and this exchange ends without a word to the
   * listener. False when it must end as it is.
   */
  private boolean resent() {
    if (resend == null || status != 0 || ended) {
      return false;
    }
    ended = true;
    release(false);
    resend.run();
    return true;
  }

  /** Ends the exchange once; a connection is reused only when its response ended cleanly and it may stay open. */
  private void end(long at, String failure, boolean reusable) {
    if (ended) {
      return;
    }
    ended = true;
    release(reusable);
    listener.ended(at, failure);
  }

  /**
   * Stops the timers and hands the connection back, or closes it: a response that said {@code Connection: close} (or
   * came as HTTP/1.0 without keep-alive) is not kept, see {@link HttpUtil#isKeepAlive}.
   */
  private void release(boolean reusable) {
    if (replyTimer != null) {
      replyTimer.cancel(false);
    }
    if (silenceTimer != null) {
      silenceTimer.cancel(false);
    }
    if (channel.pipeline().get(HANDLER) == this) {
      channel.pipeline().remove(this);
    }
    if (reusable && channel.isActive()) {
      connections.release(request.hostPort(), channel);
    } else {
      channel.close();
    }
  }

  private static String retryAfter(HttpResponse head) {
    String retryAfter = head.headers().get(HttpHeaderNames.RETRY_AFTER);
    return retryAfter == null ? "" : "Retry-After " + retryAfter + "; ";
  }
}
