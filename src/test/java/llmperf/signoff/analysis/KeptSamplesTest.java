package llmperf.signoff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import llmperf.config.ConfigError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A row's samples as a baseline keeps them: exact up to the cap, evenly spaced order statistics past it. */
class KeptSamplesTest {

  @Test
  void fewSamplesAreKeptAsTheyAreWithTheirCounts() {
    Durations samples = BaselineComparisonTest.durations(new long[] {13, 12, 12, 15, 12});
    assertEquals("12x3 13 15", KeptSamples.write(samples));
    assertEquals(5, KeptSamples.read("12x3 13 15").count());
    assertEquals(15, KeptSamples.read("12x3 13 15").max());
  }

  /** 10,000 samples 1..10,000 keep 1,000: every tenth, from the middle of each tenth, so their p95 stays the p95. */
  @Test
  void manySamplesKeepEvenlySpacedOrderStatistics() {
    Durations samples = new Durations();
    for (int i = 1; i <= 10_000; i++) {
      samples.add(i);
    }
    Durations kept = KeptSamples.read(KeptSamples.write(samples));
    assertEquals(KeptSamples.CAP, kept.count());
    assertEquals(6, kept.min());
    assertEquals(9_996, kept.max());
    assertEquals(samples.percentile(95), kept.percentile(95), 10);
  }

  @Test
  void anUnreadableSampleIsNamed() {
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> KeptSamples.read("12x3 1a3"));
    assertEquals("'1a3' is not a sample (expected a value, or valuexcount)", bad.getMessage());
  }

  /** A baseline file whose samples were edited into something unreadable stops the run with one line naming it. */
  @Test
  void aBaselineWithAnUnreadableSampleIsOneLineNamingTheFileAndTheRow(@TempDir Path folder) throws IOException {
    Baseline baseline = new Baseline(null, "Steady", "ci", "results/steady-1", "abc",
        List.of(new Baseline.Row(List.of("chat-sse", "ttft"), 3, 13, 15, "12x2 13")));
    String previous = System.setProperty("llmperf.baselines", folder.toString());
    try {
      Path file = baseline.save();
      assertEquals(3, Baseline.load("Steady", "ci").samples().get(List.of("chat-sse", "ttft")).count());
      Files.writeString(file, Files.readString(file).replace("12x2 13", "12x2 thirteen"));
      ConfigError error = assertThrows(ConfigError.class, () -> Baseline.load("Steady", "ci"));
      assertEquals(file + ", row chat-sse / ttft: 'thirteen' is not a sample (expected a value, or valuexcount): save"
          + " it again with the save-baseline command", error.getMessage());
    } finally {
      if (previous == null) {
        System.clearProperty("llmperf.baselines");
      } else {
        System.setProperty("llmperf.baselines", previous);
      }
    }
  }
}
