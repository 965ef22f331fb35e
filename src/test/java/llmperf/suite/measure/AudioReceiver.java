package llmperf.suite.measure;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import llmperf.metrics.AudioTransfer;

/**
 * Receives one audio body, stamping each chunk as it arrives and keeping only counts: the audio itself is
 * dropped, so a long synthesis costs no memory. Checks what a player would: status 200, an audio/mpeg body that
 * starts like MPEG audio (a frame sync or an ID3 tag), and at least one byte.
 */
public final class AudioReceiver implements HttpResponse.BodySubscriber<AudioTransfer> {

  static final String AUDIO_MPEG = "audio/mpeg";

  private final long sentAt;
  private final String statusFailure;
  private final CompletableFuture<AudioTransfer> result = new CompletableFuture<>();
  private final byte[] head = new byte[3];
  private Flow.Subscription subscription;
  private int headBytes;
  private long firstByteAt = -1;
  private long lastByteAt = -1;
  private long bytes;
  private long firstChunkBytes;

  public AudioReceiver(long sentAt, HttpResponse.ResponseInfo response) {
    this.sentAt = sentAt;
    String contentType = response.headers().firstValue("Content-Type").orElse("none");
    if (response.statusCode() != 200) {
      statusFailure = "status " + response.statusCode();
    } else if (!contentType.startsWith(AUDIO_MPEG)) {
      statusFailure = "content type " + contentType + ", expected " + AUDIO_MPEG;
    } else {
      statusFailure = null;
    }
  }

  @Override
  public synchronized void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public synchronized void onNext(List<ByteBuffer> chunk) {
    long now = System.currentTimeMillis();
    long size = 0;
    for (ByteBuffer buffer : chunk) {
      for (int i = 0; headBytes < head.length && i < buffer.remaining(); i++) {
        head[headBytes++] = buffer.get(buffer.position() + i);
      }
      size += buffer.remaining();
    }
    if (size == 0) {
      return;
    }
    if (firstByteAt < 0) {
      firstByteAt = now;
      firstChunkBytes = size;
    }
    lastByteAt = now;
    bytes += size;
  }

  @Override
  public synchronized void onError(Throwable error) {
    result.complete(failed(System.currentTimeMillis(), "stream broken after " + bytes + " bytes: " + error));
  }

  @Override
  public synchronized void onComplete() {
    result.complete(new AudioTransfer(sentAt, firstByteAt, lastByteAt, lastByteAt >= 0 ? lastByteAt
        : System.currentTimeMillis(), bytes, firstChunkBytes, bodyFailure()));
  }

  @Override
  public CompletionStage<AudioTransfer> getBody() {
    return result;
  }

  /** What was received until {@code at}, failed for {@code reason}; stops the transfer if it still runs. */
  synchronized AudioTransfer failed(long at, String reason) {
    if (subscription != null) {
      subscription.cancel();
    }
    return new AudioTransfer(sentAt, firstByteAt, lastByteAt, at, bytes, firstChunkBytes,
        statusFailure != null ? statusFailure : reason);
  }

  private String bodyFailure() {
    if (statusFailure != null) {
      return statusFailure;
    }
    if (bytes == 0) {
      return "empty audio stream";
    }
    boolean frameSync = (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0;
    boolean id3Tag = head[0] == 'I' && head[1] == 'D' && head[2] == '3';
    return frameSync || id3Tag ? null : String.format("not MPEG audio: starts with %02X %02X %02X", head[0], head[1],
        head[2]);
  }
}
