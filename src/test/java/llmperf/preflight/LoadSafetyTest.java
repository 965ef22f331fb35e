package llmperf.preflight;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import llmperf.config.ConfigError;
import llmperf.config.SuiteConfig;
import org.junit.jupiter.api.Test;

class LoadSafetyTest {

  private static SuiteConfig aimedAt(String url, Map<String, String> more) {
    Map<String, String> properties = new HashMap<>(more);
    properties.put("target.base-url", url);
    return SuiteConfig.load(properties, Map.of());
  }

  @Test
  void heavyLoadOnAnotherMachineIsRefusedInOneLine() {
    ConfigError refusal = assertThrows(ConfigError.class,
        () -> LoadSafety.requireAllowed(aimedAt("https://user:s3cret@llm.example.com", Map.of()), "Steady"));
    assertEquals("target.base-url = \"https://user:****@llm.example.com\": Steady at scale ci is heavy load on a host"
        + " that is not this machine; set target.allow-remote-heavy-load=true to confirm it is meant",
        refusal.getMessage());
  }

  @Test
  void smokeAtReleaseScaleIsHeavyToo() {
    assertThrows(ConfigError.class,
        () -> LoadSafety.requireAllowed(aimedAt("https://llm.example.com", Map.of("scale", "release")), "Smoke"));
  }

  @Test
  void smokeLoopbackTheEmbeddedTargetAndAnExplicitOptInAreAllowed() {
    assertDoesNotThrow(() -> LoadSafety.requireAllowed(aimedAt("https://llm.example.com", Map.of()), "Smoke"));
    assertDoesNotThrow(() -> LoadSafety.requireAllowed(aimedAt("http://127.0.0.1:8080", Map.of()), "Stress"));
    assertDoesNotThrow(() -> LoadSafety.requireAllowed(aimedAt("http://localhost:8080", Map.of()), "Soak"));
    assertDoesNotThrow(() -> LoadSafety.requireAllowed(SuiteConfig.load(Map.of(), Map.of()), "Stress"));
    assertDoesNotThrow(() -> LoadSafety.requireAllowed(aimedAt("https://llm.example.com",
        Map.of("target.allow-remote-heavy-load", "true", "scale", "release")), "Soak"));
  }
}
