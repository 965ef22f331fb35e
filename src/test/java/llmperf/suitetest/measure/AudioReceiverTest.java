package llmperf.suitetest.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import llmperf.config.SuiteConfig;
import llmperf.server.EmbeddedTarget;
import llmperf.server.TargetSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import llmperf.suite.measure.AudioReceiver;
import llmperf.metrics.AudioTransfer;

/** The audio receiver against the embedded target's real text-to-speech stream, over a socket. */
class AudioReceiverTest {

  private static final String TEXT = "The little dragon yawned, stretched its wings and slept.";
  private static final TargetSettings SETTINGS = SuiteConfig.defaults().embeddedTarget();
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static EmbeddedTarget target;

  @BeforeAll
  static void startTarget() {
    target = EmbeddedTarget.start(SETTINGS);
  }

  @AfterAll
  static void stopTarget() {
    target.close();
  }

  private static AudioTransfer receive(String path, String apiKey) throws IOException, InterruptedException {
    long sentAt = System.currentTimeMillis();
    HttpRequest request = HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + apiKey)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + TEXT + "\"}"))
        .build();
    return CLIENT.send(request, response -> new AudioReceiver(sentAt, response)).body();
  }

  @Test
  void aStreamedSynthesisIsGoodAudioWithItsFirstByteAfterTheConfiguredDelayAndItsPaceAtTheConfiguredRate()
      throws Exception {
    AudioTransfer audio = receive("/v1/text-to-speech/voice-1/stream", SETTINGS.apiKey());
    assertNull(audio.failure());
    assertEquals((long) TEXT.length() * SETTINGS.voiceBytesPerChar(), audio.bytes(), "every byte counted");
    long firstByteMs = audio.firstByteAt() - audio.sentAt();
    assertTrue(firstByteMs >= SETTINGS.voiceFirstByte().toMillis(), "first byte after " + firstByteMs + " ms");
    double expectedMsPerKib = AudioTransfer.KIB * 1000.0 / SETTINGS.voiceBytesPerSecond();
    assertEquals(expectedMsPerKib, audio.msPerKib(), expectedMsPerKib * 0.15,
        "pace after the first chunk, configured " + SETTINGS.voiceBytesPerSecond() + " bytes/s");
    assertEquals(audio.lastByteAt(), audio.endAt());
  }

  @Test
  void aRefusedRequestIsNotAudio() throws Exception {
    AudioTransfer audio = receive("/v1/text-to-speech/voice-1/stream", "sk-wrong");
    assertEquals("status 401", audio.failure());
  }

  @Test
  void aBodyThatIsNotAudioMpegFails() throws Exception {
    AudioTransfer audio = receive("/v1/personality", SETTINGS.apiKey());
    assertTrue(audio.failure().startsWith("content type application/json"), audio.failure());
  }

  @Test
  void audioThatArrivesInOneChunkHasNoPace() {
    assertEquals(-1, new AudioTransfer(0, 100, 100, 100, 4096, 4096, null).msPerKib());
    assertEquals(50.0, new AudioTransfer(0, 100, 200, 200, 3072, 1024, null).msPerKib(), 1e-9,
        "2 KiB after the first chunk in 100 ms");
  }
}
