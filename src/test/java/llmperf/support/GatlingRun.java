package llmperf.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import llmperf.signoff.SignOffVerdict;
import llmperf.signoff.analysis.Summary;
import llmperf.suite.gatling.GatlingLauncher;
import llmperf.suite.run.SuiteRun;

/**
 * Runs one simulation through Gatling inside the test JVM ({@link GatlingLauncher}), on the {@link CompressedClock}
 * with the given -D settings over it, for that run only, and writes its sign-off. Each run writes to a folder of its
 * own, so that runs in parallel test JVMs never take each other's report.
 */
public final class GatlingRun {

  public static final int PASSED = GatlingLauncher.PASSED;
  public static final int FAILED = SignOffVerdict.FAILED_STATUS;
  private static final Path RESULTS = Path.of("target", "gatling-test-results");
  private static final AtomicInteger RUNS = new AtomicInteger();

  private GatlingRun() {}

  /**
   * The outcome: the exit status the build would see (Gatling's own when it failed, else the sign-off's), the folder
   * holding index.html and simulation.log, and the sign-off.
   */
  public record Outcome(int exitCode, Path runFolder, Summary signOff) {}

  public static Outcome run(Class<?> simulation, Map<String, String> settings) {
    String runName = ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
    Map<String, String> previous = new HashMap<>();
    Map<String, String> all = new HashMap<>(CompressedClock.SETTINGS);
    // Baselines of this run alone, unless the test shares a folder between its runs.
    all.put("llmperf.baselines", Path.of("target", "test-baselines", runName).toString());
    all.putAll(settings);
    all.put("llmperf.signoff.in-process", "true");
    all.put("llmperf.results", RESULTS.resolve(runName).toString());
    all.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
    try {
      Path results = Files.createDirectories(RESULTS.resolve(runName));
      long startedAt = System.currentTimeMillis();
      int gatlingStatus = GatlingLauncher.run(simulation, results);
      // The run folder is found as the exit hook finds it.
      SignOffVerdict verdict = SignOffVerdict.judge(results, simulation.getSimpleName(), startedAt,
          SuiteRun::lastInProcessPlan);
      if (verdict.summary() == null) {
        throw new IllegalStateException(String.join("\n", verdict.lines()));
      }
      int exitCode = gatlingStatus != PASSED ? gatlingStatus : verdict.passed() ? PASSED : FAILED;
      return new Outcome(exitCode, verdict.runFolder(), verdict.summary());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      previous.forEach((key, value) -> {
        if (value == null) {
          System.clearProperty(key);
        } else {
          System.setProperty(key, value);
        }
      });
    }
  }
}
