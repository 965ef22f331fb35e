package llmperf.config;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import llmperf.budgets.Budget;

/** Reads every leaf under {@code budgets} into a {@link Budget}, checking that its name and value make sense. */
final class BudgetReader {

  private static final String ALLOWED =
      "p50, p75, p95, p99, max, mean (durations), recovery or window (a duration) or a name ending in -percent";
  /** What a budget on one of the target's own series may bound: the highest sample of the run, or their mean. */
  private static final Set<String> RESOURCE_STATISTICS = Set.of("max", "mean");
  private static final String SERIES_KEY = "target.metrics.series";

  private BudgetReader() {}

  /** The budgets, whose top-level names are scopes of the sign-off or journeys of the mix ({@code journeys}). */
  static List<Budget> read(ConfigReader reader, Set<String> journeys) {
    Set<String> scopes = new TreeSet<>(List.of("all", "rest"));
    scopes.addAll(Budget.SIGN_OFF_SCOPES);
    scopes.addAll(Budget.JOURNEY_ALIASES.keySet());
    scopes.addAll(journeys);
    List<Budget> budgets = new ArrayList<>();
    collect(reader, "budgets", List.of(), scopes, budgets);
    return List.copyOf(budgets);
  }

  private static void collect(ConfigReader reader, String key, List<String> scope, Set<String> scopes,
      List<Budget> into) {
    for (Map.Entry<String, ConfigValue> child : reader.children(key).entrySet()) {
      String name = child.getKey();
      String childKey = key + "." + name;
      if (scope.isEmpty() && !scopes.contains(name)) {
        throw new ConfigError(childKey + " names no journey of the mix or scope: expected one of "
            + String.join(", ", scopes));
      }
      if (scope.isEmpty() && name.equals(Budget.TARGET_SCOPE)) {
        resourceBudgets(reader, childKey, into);
      } else if (child.getValue().valueType() == ConfigValueType.OBJECT) {
        List<String> childScope = new ArrayList<>(scope);
        childScope.add(name);
        collect(reader, childKey, childScope, scopes, into);
      } else if (Budget.LATENCY_STATISTICS.contains(name) || name.equals("recovery") || name.equals("window")) {
        into.add(new Budget(childKey, scope, name, reader.duration(childKey).toNanos() / 1e6));
      } else if (name.endsWith("-percent")) {
        into.add(new Budget(childKey, scope, name, reader.percent(childKey)));
      } else {
        throw new ConfigError(childKey + " is not a known budget statistic: expected " + ALLOWED);
      }
    }
  }

  /**
   * budgets.target.SERIES.max or .mean: a plain number in the unit target.metrics.series.SERIES charts, e.g.
   * budgets.target.heap-mb.max = 500.
   */
  private static void resourceBudgets(ConfigReader reader, String key, List<Budget> into) {
    Set<String> series = reader.children(SERIES_KEY).keySet();
    for (String name : reader.children(key).keySet()) {
      String seriesKey = key + "." + name;
      if (!series.contains(name)) {
        throw new ConfigError(seriesKey + " names no series of " + SERIES_KEY + ": expected one of "
            + String.join(", ", series));
      }
      for (String statistic : reader.children(seriesKey).keySet()) {
        String budgetKey = seriesKey + "." + statistic;
        if (!RESOURCE_STATISTICS.contains(statistic)) {
          throw new ConfigError(budgetKey + " is not a statistic of a target series: expected max or mean");
        }
        into.add(new Budget(budgetKey, List.of(Budget.TARGET_SCOPE, name), statistic,
            reader.number(budgetKey, 0, Double.MAX_VALUE, "expected a number in the series' unit, e.g. 500")));
      }
    }
  }
}
