package llmperf.metrics;

import com.typesafe.scalalogging.Logger;
import io.gatling.core.action.Action;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
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
import org.slf4j.LoggerFactory;

/**
 * Streams one audio response and writes its rows into the current group: {@code first-audio-byte} (t0 to the
 * first body byte), {@code audio-ms-per-kib} (the pace after it, the inverse of audio bytes/s) and the request's
 * own row (t0 to the last byte), so that all three are report rows like TTFT.
 *
 * <p>Gatling's HTTP client reports a response only once its last byte is in, and the SSE and WebSocket clients
 * carry text, not audio. So this action sends the request with the JDK's HTTP client, whose body subscriber sees
 * every chunk as it arrives, and continues the virtual user on its own event loop when the audio has ended: no
 * thread waits for it. Implementing {@link Action} from Java relies on Gatling 3.15.1's internal API, as
 * {@link ReportRows} does.
 */
public final class AudioMeasurement {

  public static final String FIRST_AUDIO_BYTE = "first-audio-byte";
  public static final String AUDIO_MS_PER_KIB = "audio-ms-per-kib";

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
    return () -> (context, next) -> new StreamAudio(name, request, context, next);
  }

  private final class StreamAudio implements Action {
    private static final Logger LOGGER = Logger.apply(LoggerFactory.getLogger(AudioMeasurement.class));

    private final String name;
    private final Function<Session, HttpRequest> request;
    private final StatsEngine statsEngine;
    private final Action next;

    StreamAudio(String name, Function<Session, HttpRequest> request, ScenarioContext context, Action next) {
      this.name = name;
      this.request = request;
      this.statsEngine = context.coreComponents().statsEngine();
      this.next = next;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Logger logger() {
      return LOGGER;
    }

    @Override
    public void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger logger) {
      // Gatling's Scala actions get their logger through this setter; this action has its own.
    }

    @Override
    public void execute(io.gatling.core.session.Session user) {
      Session session = new Session(user);
      long sentAt = System.currentTimeMillis();
      HttpRequest httpRequest;
      try {
        httpRequest = request.apply(session);
      } catch (RuntimeException e) {
        finish(session, AudioTransfer.noAudio(sentAt, sentAt, "request not built: " + e.getMessage()));
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
            AudioTransfer transfer =
                response != null ? response.body() : failedTransfer(sentAt, receiver.get(), error);
            user.eventLoop().execute(() -> finish(session, transfer));
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

    private void finish(Session session, AudioTransfer transfer) {
      try {
        ReportRows.Writer writer = ReportRows.writer(statsEngine, session);
        String failure = transfer.failure();
        long firstByte = transfer.hasAudio() ? transfer.firstByteAt() : transfer.endAt();
        writer.row(name, transfer.sentAt(), transfer.endAt(), failure);
        writer.row(FIRST_AUDIO_BYTE, transfer.sentAt(), firstByte, failure);
        // All the audio in one chunk has no pace to report; a failed transfer still counts as a KO row.
        if (transfer.msPerKib() >= 0 || failure != null) {
          writer.row(AUDIO_MS_PER_KIB, firstByte, firstByte + Math.round(Math.max(0, transfer.msPerKib())),
              failure);
        }
      } finally {
        // The virtual user goes on whatever happened to the rows: it must never wait for ever.
        next.execute((transfer.ok() ? session : session.markAsFailed()).asScala());
      }
    }
  }
}
