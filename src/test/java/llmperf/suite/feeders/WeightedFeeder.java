package llmperf.suite.feeders;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A feeder that never runs dry and draws each row in proportion to its {@code weight} column, so that the
 * traffic's prompt and output lengths follow a chosen distribution (e.g. 60 % short, 30 % medium, 10 % story).
 * Safe to share between virtual users: {@link Random} is thread-safe.
 */
public final class WeightedFeeder implements Iterator<Map<String, Object>> {

  public static final String WEIGHT = "weight";

  private final List<Map<String, Object>> rows;
  private final double[] cumulative;
  private final Random random;

  public WeightedFeeder(String source, List<Map<String, Object>> rows, Random random) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(source + " has no rows");
    }
    this.rows = List.copyOf(rows);
    this.cumulative = new double[rows.size()];
    double total = 0;
    for (int i = 0; i < rows.size(); i++) {
      total += weightOf(source, i, rows.get(i));
      cumulative[i] = total;
    }
    if (total <= 0) {
      throw new IllegalArgumentException(source + ": the weights add up to 0");
    }
    this.random = random;
  }

  private static double weightOf(String source, int index, Map<String, Object> row) {
    Object value = row.get(WEIGHT);
    try {
      double weight = Double.parseDouble(String.valueOf(value));
      if (weight < 0 || Double.isNaN(weight)) {
        throw new NumberFormatException();
      }
      return weight;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source + " row " + (index + 1) + ": weight = " + value
          + ": expected a number of 0 or more");
    }
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public Map<String, Object> next() {
    double draw = random.nextDouble() * cumulative[cumulative.length - 1];
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (cumulative[middle] > draw) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return rows.get(low);
  }
}
