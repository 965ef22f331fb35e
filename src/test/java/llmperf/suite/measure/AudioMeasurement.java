package llmperf.suite.measure;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import llmperf.suite.gatling.CustomActions;
import llmperf.suite.gatling.ReportRows;
import llmperf.metrics.RowNames;
import llmperf.metrics.AudioTransfer;

/**
 * Streams one audio response and writes its rows into the current group: {@code first-audio-byte} (t0 to the
 * first body byte), {@code audio-ms-per-kib} (the pace after it, the inverse of audio bytes/s) and the request's
 * own row (t0 to the last byte), so that all three are report rows like TTFT.
 *
 * <p>Gatling's HTTP client reports a response only once its last byte is in, and the SSE and WebSocket clients
 * carry text, not audio. So this action sends the request with the JDK's HTTP client, whose body subscriber sees
 * every chunk as it arrives, and continues the virtual user on its own event loop when the audio has ended: no
 * thread waits for it ({@link CustomActions}).
 */
public final class AudioMeasurement {

  private final HttpClient client;
  private final Duration timeout;

  /**
   * @param connectTimeout longest wait for a connection
   * @param timeout longest wait for the whole audio: past it the transfer is stopped and its rows are KO
   */
  public AudioMeasurement(Duration connectTimeout, Duration timeout) {
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
        .build();
    this.timeout = timeout;
  }

  /** An action that sends the request {@code request} builds and measures its audio under the row {@code name}. */
  public ActionBuilder stream(String name, Function<Session, HttpRequest> request) {
    return CustomActions.of(name, step -> send(name, request, step));
  }

  private void send(String name, Function<Session, HttpRequest> request, CustomActions.Step step) {
    Session session = step.session();
    long sentAt = System.currentTimeMillis();
    HttpRequest httpRequest;
    try {
      httpRequest = request.apply(session);
    } catch (RuntimeException e) {
      finish(name, step, AudioTransfer.noAudio(sentAt, sentAt, "request not built: " + e.getMessage()));
      return;
    }
    AtomicReference<AudioReceiver> receiver = new AtomicReference<>();
    HttpResponse.BodyHandler<AudioTransfer> handler = response -> {
      receiver.set(new AudioReceiver(sentAt, response));
      return receiver.get();
    };
    client.sendAsync(httpRequest, handler)
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((response, error) -> {
          AudioTransfer transfer = response != null ? response.body() : failedTransfer(sentAt, receiver.get(), error);
          step.onUserLoop(() -> finish(name, step, transfer));
        });
  }

  private AudioTransfer failedTransfer(long sentAt, AudioReceiver receiver, Throwable error) {
    long now = System.currentTimeMillis();
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    String reason = cause instanceof TimeoutException
        ? "audio not complete within " + timeout.toMillis() + " ms"
        : "request failed: " + cause;
    return receiver != null ? receiver.failed(now, reason) : AudioTransfer.noAudio(sentAt, now, reason);
  }

  private static void finish(String name, CustomActions.Step step, AudioTransfer transfer) {
    Session session = step.session();
    try {
      ReportRows.Writer writer = step.rows(session);
      String failure = transfer.failure();
      long firstByte = transfer.hasAudio() ? transfer.firstByteAt() : transfer.endAt();
      writer.row(name, transfer.sentAt(), transfer.endAt(), failure);
      writer.row(RowNames.FIRST_AUDIO_BYTE, transfer.sentAt(), firstByte, failure);
      // All the audio in one chunk has no pace to report; a failed transfer still counts as a KO row.
      if (transfer.msPerKib() >= 0 || failure != null) {
        writer.row(RowNames.AUDIO_MS_PER_KIB, firstByte, firstByte + Math.round(Math.max(0, transfer.msPerKib())),
            failure);
      }
    } finally {
      // The virtual user goes on whatever happened to the rows: it must never wait for ever.
      step.next(transfer.ok() ? session : session.markAsFailed());
    }
  }
}
