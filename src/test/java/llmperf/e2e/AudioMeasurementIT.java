package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import llmperf.signoff.analysis.Summary;
import llmperf.suite.simulations.Steady;
import llmperf.support.GatlingRun;
import org.junit.jupiter.api.Test;

/**
 * The voice rows of Gatling's report against a target whose first-byte delay and byte rate are configured: a
 * short Steady run of the voice journey alone, healthy and then with every delay of the target doubled.
 */
class AudioMeasurementIT {

  private static final long FIRST_BYTE_MS = 200;
  private static final int BYTES_PER_SECOND = 32_000;

  private static Summary.Audio voiceOnly(String latencyMultiplier) {
    Map<String, String> settings = new HashMap<>(Map.of(
        "mix.workloads.chat", "0", "mix.workloads.ai-integration", "100", "mix.workloads.platform", "0",
        "mix.ai-integration.voice", "100", "mix.ai-integration.story", "0", "mix.ai-integration.personality", "0",
        "mix.ai-integration.subtitles", "0", "mix.ai-integration.health", "0"));
    settings.putAll(Map.of(
        "embedded-target.voice.first-byte", FIRST_BYTE_MS + "ms",
        "embedded-target.voice.bytes-per-second", String.valueOf(BYTES_PER_SECOND),
        "embedded-target.faults.latency-multiplier", latencyMultiplier));
    Summary summary = GatlingRun.run(Steady.class, settings).signOff();
    assertEquals(1, summary.audio().size(), "one voice journey: " + summary.audio());
    return summary.audio().get(0);
  }

  @Test
  void firstAudioByteAndAudioBytesPerSecondMatchTheTargetAndFollowItWhenItSlowsDown() {
    Summary.Audio healthy = voiceOnly("1");
    assertEquals(0, healthy.failedResponses());
    assertTrue(healthy.responses() >= 20, healthy.responses() + " streamed syntheses");
    assertEquals(FIRST_BYTE_MS, healthy.firstAudioByte().p50(), 40, "first audio byte p50");
    assertEquals(BYTES_PER_SECOND, healthy.bytesPerSecond(), BYTES_PER_SECOND * 0.1, "audio bytes/s");

    Summary.Audio slow = voiceOnly("2");
    assertEquals(0, slow.failedResponses());
    assertEquals(2 * FIRST_BYTE_MS, slow.firstAudioByte().p50(), 60, "first audio byte p50, doubled");
    // A short last chunk still takes a whole period: a stream's rate reads a few % under the nominal one.
    assertEquals(BYTES_PER_SECOND / 2.0, slow.bytesPerSecond(), BYTES_PER_SECOND / 2.0 * 0.15,
        "audio bytes/s, halved");
  }
}
