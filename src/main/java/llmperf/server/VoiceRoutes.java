package llmperf.server;

import static io.netty.handler.codec.http.HttpMethod.POST;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * ElevenLabs-style text to speech: audio/mpeg whose size follows the text length, whole or streamed in
 * 50 ms chunks at the configured byte rate. The bytes are MP3-looking frames, identical run to run.
 */
final class VoiceRoutes {

  static final int MAX_TEXT_CHARS = 10_000;
  private static final Pattern VOICE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final String AUDIO_MPEG = "audio/mpeg";
  private static final long CHUNK_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  /** One MPEG-1 Layer III frame at 128 kbit/s, 44.1 kHz: header FF FB 90 64, then 413 payload bytes. */
  private static final int FRAME_BYTES = 417;

  private final TargetState target;
  private final byte[] frame = new byte[FRAME_BYTES];

  VoiceRoutes(TargetState target) {
    this.target = target;
    new SplittableRandom(target.settings.seed()).nextBytes(frame);
    frame[0] = (byte) 0xFF;
    frame[1] = (byte) 0xFB;
    frame[2] = (byte) 0x90;
    frame[3] = (byte) 0x64;
  }

  void register(Router router) {
    router.add(POST, "/v1/text-to-speech/{voice_id}", Router.Auth.API_KEY, Router.Timing.NONE,
        this::synthesize);
    router.add(POST, "/v1/text-to-speech/{voice_id}/stream", Router.Auth.API_KEY,
        Router.Timing.NONE, this::stream);
  }

  /** Validates the request and returns the size of its audio. */
  private int audioBytes(Exchange ex) {
    if (!VOICE_ID.matcher(ex.pathParam("voice_id")).matches()) {
      throw HttpError.badRequest("voice_id must match [A-Za-z0-9_-]{1,64}");
    }
    ObjectNode request = ex.jsonBody();
    String text = Json.requiredText(request, "text");
    Json.optionalText(request, "model_id");
    if (text.length() > MAX_TEXT_CHARS) {
      throw HttpError.badRequest("text is longer than " + MAX_TEXT_CHARS + " characters");
    }
    return text.length() * target.settings.voiceBytesPerChar();
  }

  private long scaled(long nanos, Exchange ex) {
    return Math.round(nanos * ex.faults.latencyMultiplier());
  }

  private void synthesize(Exchange ex) {
    int bytes = audioBytes(ex);
    long playNanos = bytes * 1_000_000_000L / target.settings.voiceBytesPerSecond();
    ex.delay(scaled(target.settings.voiceFirstByte().toNanos() + playNanos, ex));
    FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
        audio(ex.channel, 0, bytes));
    resp.headers().set(HttpHeaderNames.CONTENT_TYPE, AUDIO_MPEG);
    ex.send(resp);
  }

  private void stream(Exchange ex) {
    int bytes = audioBytes(ex);
    int chunk = Math.max(1, target.settings.voiceBytesPerSecond() / 20);
    StreamWriter out = ex.startStream(Exchange.streamHead(AUDIO_MPEG));
    new AudioStream(ex.channel, out, bytes, chunk, scaled(CHUNK_PERIOD_NANOS, ex))
        .start(scaled(target.settings.voiceFirstByte().toNanos(), ex));
  }

  /** Bytes [offset, offset + length) of the endless repetition of {@link #frame}. */
  private ByteBuf audio(Channel channel, int offset, int length) {
    ByteBuf buf = channel.alloc().buffer(length);
    int position = offset;
    int left = length;
    while (left > 0) {
      int inFrame = position % FRAME_BYTES;
      int n = Math.min(left, FRAME_BYTES - inFrame);
      buf.writeBytes(frame, inFrame, n);
      position += n;
      left -= n;
    }
    return buf;
  }

  /** Paces one streamed synthesis on its event loop; stops if the client goes away. */
  private final class AudioStream {
    private final Channel channel;
    private final StreamWriter out;
    private final int total;
    private final int chunk;
    private final long periodNanos;
    private ScheduledFuture<?> pending;
    private final ChannelFutureListener onClose = future -> pending.cancel(false);
    private int sent;
    private long nextDueNanos;

    AudioStream(Channel channel, StreamWriter out, int total, int chunk, long periodNanos) {
      this.channel = channel;
      this.out = out;
      this.total = total;
      this.chunk = chunk;
      this.periodNanos = periodNanos;
    }

    void start(long firstByteNanos) {
      nextDueNanos = System.nanoTime() + firstByteNanos;
      pending = channel.eventLoop().schedule(this::sendChunk, firstByteNanos, TimeUnit.NANOSECONDS);
      channel.closeFuture().addListener(onClose);
    }

    private void sendChunk() {
      int n = Math.min(chunk, total - sent);
      out.bytes(audio(channel, sent, n));
      sent += n;
      if (sent < total) {
        // Due times from the first chunk's, so that timer lateness does not add up and slow the byte rate.
        nextDueNanos += periodNanos;
        pending = channel.eventLoop().schedule(this::sendChunk, Math.max(0, nextDueNanos - System.nanoTime()),
            TimeUnit.NANOSECONDS);
      } else {
        channel.closeFuture().removeListener(onClose);
        out.end();
      }
    }
  }
}
