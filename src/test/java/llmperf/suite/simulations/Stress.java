package llmperf.suite.simulations;

/** Stairs of increasing load until budgets break or errors rise: where it breaks, and whether gracefully. */
public class Stress extends Stairs {

  {
    climb("stress", profiles.stress());
  }
}
