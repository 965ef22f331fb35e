package llmperf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import llmperf.profiles.Profiles;
import org.junit.jupiter.api.Test;

/** scales.*.capacity: the search's settings, and one line for each that cannot be searched with. */
class CapacityReaderTest {

  private static String rejection(Map<String, String> properties) {
    return assertThrows(ConfigError.class, () -> SuiteConfig.load(properties, Map.of())).getMessage();
  }

  @Test
  void theShippedCiSearch() {
    Profiles.Capacity capacity = SuiteConfig.load(Map.of(), Map.of()).profiles().capacity();
    assertEquals(new Profiles.Capacity(2, 16, 0.1, Duration.ofSeconds(2), Duration.ofSeconds(8),
        Duration.ofMinutes(3)), capacity);
  }

  @Test
  void aSearchThatCannotRunIsRefusedInOneLine() {
    assertEquals("scales.ci.capacity.max-rate = \"1\": expected the highest rate to probe, at least start-rate (2) users"
        + " per second", rejection(Map.of("scales.ci.capacity.max-rate", "1")));
    assertEquals("scales.ci.capacity.precision = \"0\": expected the bracket's width the search stops at, in percent of"
        + " the rate: between 0.5 and 50, like 5", rejection(Map.of("scales.ci.capacity.precision", "0")));
    assertEquals("scales.ci.capacity.max-duration = 5.0 s: expected room for one probe at least (warm-up + probe ="
        + " 10.0 s)", rejection(Map.of("scales.ci.capacity.max-duration", "5s")));
  }
}
