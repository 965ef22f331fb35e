package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import llmperf.config.SuiteConfig;
import llmperf.server.EmbeddedTarget;
import llmperf.server.TargetSettings;
import llmperf.support.GatlingRun;
import org.junit.jupiter.api.Test;
import llmperf.suite.simulations.Steady;

/** A target that dies mid-run: the load stops within the abort window, and the report and the sign-off say so. */
class AbortIT {

  private static final long KILLED_AFTER_S = 4;
  private static final long ABORT_WINDOW_S = 2;

  @Test
  void aTargetStoppedMidRunEndsTheRunWithinTheAbortWindow() throws Exception {
    TargetSettings settings = SuiteConfig.defaults().embeddedTarget();
    EmbeddedTarget server = EmbeddedTarget.start(settings);
    ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
    killer.schedule(server::close, KILLED_AFTER_S, TimeUnit.SECONDS);
    long started = System.nanoTime();
    try {
      GatlingRun.Outcome outcome = GatlingRun.run(Steady.class, Map.of("target.base-url", server.baseUrl(),
          "target.api-key", settings.apiKey(), "target.user-password", settings.userPassword(),
          "scales.ci.steady.rate", "10", "scales.ci.steady.duration", "60s",
          "budgets.abort.window", ABORT_WINDOW_S + "s"));
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      assertTrue(seconds < KILLED_AFTER_S + ABORT_WINDOW_S + 15, "planned 61 s, ended after " + seconds + " s");
      assertEquals(GatlingRun.FAILED, outcome.exitCode());
      assertTrue(outcome.signOff().reasons().get(0).matches("aborted at 00:(0[4-9]|1[0-9]): error rate \\d+ % over the"
          + " last 2s \\(\\d+ of \\d+ journeys failed; budgets.abort.error-rate-percent = 90\\)"),
          outcome.signOff().reasons().toString());
      assertTrue(Files.isRegularFile(outcome.runFolder().resolve("index.html")), "Gatling's report is kept");
      assertTrue(Files.isRegularFile(outcome.runFolder().resolve("signoff.html")), "and the sign-off");
    } finally {
      killer.shutdownNow();
      server.close();
    }
  }
}
