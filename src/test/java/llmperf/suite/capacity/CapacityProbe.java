package llmperf.suite.capacity;

/**
 * One probe of the Capacity search ({@link ProbeRuns}): the mix held at the rate -Dllmperf.capacity.probe-rate, in a
 * Gatling run of its own. Not a simulation to run by hand: Capacity runs it.
 */
public class CapacityProbe extends HeldRate {

  static final String RATE_PROPERTY = "llmperf.capacity.probe-rate";

  {
    double rate = Double.parseDouble(System.getProperty(RATE_PROPERTY));
    // Judged as a stair too: its count of user requests gives the probe's requests per second.
    signOff.judgeStair(groupOf(rate), rate);
    hold("capacity probe", rate);
  }

  @Override
  protected boolean listsBudgets() {
    return false;
  }
}
