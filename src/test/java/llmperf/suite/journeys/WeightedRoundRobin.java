package llmperf.suite.journeys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Smooth weighted round robin (as nginx balances upstreams): over any run of picks each name comes up in
 * proportion to its weight, evenly spread rather than in bursts. Shared by all virtual users, hence synchronized.
 */
public final class WeightedRoundRobin {

  private final List<String> names;
  private final int[] weights;
  private final int[] current;
  private final int total;

  public WeightedRoundRobin(Map<String, Integer> weights) {
    this.names = new ArrayList<>(weights.keySet());
    this.weights = names.stream().mapToInt(weights::get).toArray();
    this.current = new int[names.size()];
    this.total = Arrays.stream(this.weights).sum();
    if (names.isEmpty() || total <= 0) {
      throw new IllegalArgumentException("a mix needs at least one journey with a weight above 0");
    }
  }

  public synchronized String next() {
    int best = 0;
    for (int i = 0; i < current.length; i++) {
      current[i] += weights[i];
      if (current[i] > current[best]) {
        best = i;
      }
    }
    current[best] -= total;
    return names.get(best);
  }
}
