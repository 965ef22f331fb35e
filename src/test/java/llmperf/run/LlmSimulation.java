package llmperf.run;

import io.gatling.javaapi.core.Simulation;

/** Base of every simulation: settings validated and target up before the subclass builds its setUp. */
public abstract class LlmSimulation extends Simulation {

  protected final SuiteRun run = SuiteRun.open();

  @Override
  public void after() {
    run.close();
  }
}
