package llmperf.suite.gatling;

import io.gatling.app.Gatling$;
import java.nio.file.Path;

/** Runs Gatling inside this JVM: its entry point without the System.exit of {@code Gatling.main}. */
public final class GatlingLauncher {

  public static final int PASSED = 0;

  private GatlingLauncher() {}

  /**
   * Runs one simulation and writes its run folder under {@code resultsFolder}; Gatling's internal
   * {@code Gatling$.fromArgs} (pinned to 3.15.1) returns 0 when the run went through (the suite gives Gatling no
   * assertions: its sign-off judges the budgets), and a crash surfaces as an exception.
   */
  public static int run(Class<?> simulation, Path resultsFolder) {
    return Gatling$.MODULE$.fromArgs(new String[] {"-s", simulation.getName(), "-rf", resultsFolder.toString()});
  }

  /** As {@link #run}, without Gatling's HTML report: for runs only the sign-off reads (the Capacity search's probes). */
  public static int runWithoutReport(Class<?> simulation, Path resultsFolder) {
    return Gatling$.MODULE$.fromArgs(new String[] {"-s", simulation.getName(), "-rf", resultsFolder.toString(),
        "--no-reports"});
  }
}
