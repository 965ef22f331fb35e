package llmperf.signoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import llmperf.signoff.analysis.RunPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sign-off fails closed: whatever stops it from judging fails the run, with one line saying why. */
class SignOffVerdictTest {

  private static final RunPlan NO_PLAN = null;

  @Test
  void noRunFolderFailsTheRun(@TempDir Path results) {
    SignOffVerdict verdict = SignOffVerdict.judge(results, "Steady", System.currentTimeMillis(), () -> NO_PLAN);
    assertFalse(verdict.passed());
    assertNull(verdict.summary());
    assertEquals(1, verdict.lines().size());
    assertTrue(verdict.lines().get(0).startsWith("Sign-off: FAIL, nothing judged: no run folder of Steady"),
        verdict.lines().get(0));
  }

  @Test
  void aLogItCannotReadFailsTheRun(@TempDir Path results) throws IOException {
    Path runFolder = Files.createDirectories(results.resolve("steady-20261201000000000"));
    Files.writeString(runFolder.resolve("simulation.log"), "not a Gatling log");
    SignOffVerdict verdict = SignOffVerdict.judge(results, "Steady", 0, () -> NO_PLAN);
    assertFalse(verdict.passed());
    assertEquals(1, verdict.lines().size());
    assertTrue(verdict.lines().get(0).startsWith("Sign-off: FAIL, nothing judged: the sign-off of " + runFolder
        + " could not be written: "), verdict.lines().get(0));
  }

  @Test
  void anExceptionWhileJudgingFailsTheRun(@TempDir Path runFolder) {
    SignOffVerdict verdict = SignOffVerdict.judge(runFolder, () -> {
      throw new IllegalStateException("the plan could not be built");
    });
    assertFalse(verdict.passed());
    assertEquals(1, verdict.lines().size());
    assertTrue(verdict.lines().get(0).endsWith("could not be written: the plan could not be built"),
        verdict.lines().get(0));
  }
}
