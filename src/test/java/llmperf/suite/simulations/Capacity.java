package llmperf.suite.simulations;

/** Finer stairs searching for the highest arrival rate at which every budget still holds. */
public class Capacity extends Stairs {

  {
    climb("capacity", profiles.capacity());
  }
}
