package llmperf.suite.endpoints;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyBytes;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.headerRegex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.function.Function;
import llmperf.config.TargetConfig;

/** Storytailor's AI integrations besides story generation: voice, personality, WebVTT subtitles. */
public final class StorytailorEndpoints {

  private static final String AUDIO_MPEG = "audio/mpeg";

  private final TargetConfig target;

  public StorytailorEndpoints(TargetConfig target) {
    this.target = target;
  }

  /** Whole-file text-to-speech for the feeder's {@code text} and {@code voice}. */
  public HttpRequestActionBuilder textToSpeech() {
    return withApiKey(http("text-to-speech").post(target.path("text-to-speech").replace("{voice}", "#{voice}")))
        .body(StringBody(StorytailorEndpoints::speechBody))
        .asJson()
        .check(status().is(200), header("Content-Type").is(AUDIO_MPEG),
            bodyBytes().transform(bytes -> bytes.length).gt(0));
  }

  /**
   * Streamed text-to-speech, as the JDK request that {@link llmperf.suite.measure.AudioMeasurement} sends: Gatling's
   * HTTP client cannot say when the first audio byte arrived.
   */
  public Function<Session, HttpRequest> textToSpeechStream() {
    String path = target.path("text-to-speech-stream");
    return session -> HttpRequest.newBuilder(
            URI.create(target.baseUrl() + path.replace("{voice}", session.getString("voice"))))
        .header("Authorization", "Bearer " + target.apiKey())
        .header("Content-Type", "application/json")
        .header("Accept", AUDIO_MPEG)
        .header("User-Agent", TargetConfig.USER_AGENT)
        .POST(HttpRequest.BodyPublishers.ofString(speechBody(session)))
        .build();
  }

  /** ElevenLabs' request: the feeder row's text and the model. */
  private static String speechBody(Session session) {
    return JsonBody.of(Map.of("text", session.getString("text"), "model_id", "eleven_turbo_v2"));
  }

  public HttpRequestActionBuilder personality() {
    return withApiKey(http("personality").post(target.path("personality")))
        .body(StringBody(session -> JsonBody.of(Map.of("text", session.getString("text")))))
        .asJson()
        .check(status().is(200), jmesPath("traits.openness").notNull(), jmesPath("archetype").notNull());
  }

  public HttpRequestActionBuilder subtitles() {
    return withApiKey(http("subtitles").post(target.path("webvtt")))
        .body(StringBody(session -> JsonBody.of(Map.of("text", session.getString("text")))))
        .asJson()
        .check(status().is(200), headerRegex("Content-Type", "text/vtt.*").exists(),
            regex("\\AWEBVTT").exists());
  }

  /** The /v1 routes take the API key OpenAI-style; ElevenLabs' xi-api-key is accepted by the target too. */
  private HttpRequestActionBuilder withApiKey(HttpRequestActionBuilder request) {
    return request.header("Authorization", session -> "Bearer " + target.apiKey());
  }
}
