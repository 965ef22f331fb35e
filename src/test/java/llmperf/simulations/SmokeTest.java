package llmperf.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Map;
import llmperf.support.GatlingRun;
import org.junit.jupiter.api.Test;

class SmokeTest {

  @Test
  void smokePassesAgainstTheHealthyEmbeddedTargetAndWritesGatlingsReport() {
    GatlingRun.Outcome outcome = GatlingRun.run(Smoke.class, Map.of());
    assertEquals(GatlingRun.PASSED, outcome.exitCode());
    assertTrue(Files.isRegularFile(outcome.runFolder().resolve("index.html")));
    assertTrue(Files.isRegularFile(outcome.runFolder().resolve("simulation.log")));
  }

  @Test
  void smokeFailsItsZeroErrorsAssertionWhenTheTargetFailsEveryRequest() {
    GatlingRun.Outcome outcome = GatlingRun.run(Smoke.class, Map.of("embedded-target.faults.error-rate", "1"));
    assertEquals(GatlingRun.ASSERTIONS_FAILED, outcome.exitCode());
  }
}
