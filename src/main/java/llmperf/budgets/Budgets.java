package llmperf.budgets;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import llmperf.config.ConfigError;
import llmperf.config.ConfigReader;
import llmperf.config.Mix;

/** Reads every leaf under {@code budgets} into a {@link Budget}, checking that its name and value make sense. */
public final class Budgets {

  static final Set<String> LATENCY_STATISTICS = Set.of("p50", "p75", "p95", "p99", "max", "mean");
  /** Scopes judged from the run's windows and baselines by the sign-off, not by a Gatling assertion. */
  public static final Set<String> SIGN_OFF_SCOPES = Set.of("steady", "spike", "soak", "regression", "abort",
      "scalability");
  /** Scopes that name several journeys at once. */
  public static final Map<String, List<String>> JOURNEY_ALIASES = Map.of("chat", List.of("chat-sse", "chat-ws"));
  private static final String ALLOWED =
      "p50, p75, p95, p99, max, mean (durations), recovery or window (a duration) or a name ending in -percent";

  private Budgets() {}

  public static List<Budget> read(ConfigReader reader) {
    List<Budget> budgets = new ArrayList<>();
    collect(reader, "budgets", List.of(), budgets);
    return List.copyOf(budgets);
  }

  private static Set<String> knownScopes() {
    Set<String> known = new TreeSet<>(List.of("all", "rest"));
    known.addAll(SIGN_OFF_SCOPES);
    known.addAll(JOURNEY_ALIASES.keySet());
    Mix.JOURNEYS_BY_WORKLOAD.values().forEach(known::addAll);
    return known;
  }

  private static void collect(ConfigReader reader, String key, List<String> scope, List<Budget> into) {
    for (Map.Entry<String, ConfigValue> child : reader.children(key).entrySet()) {
      String name = child.getKey();
      String childKey = key + "." + name;
      if (scope.isEmpty() && !knownScopes().contains(name)) {
        throw new ConfigError(childKey + " names no journey or scope: expected one of "
            + String.join(", ", knownScopes()));
      }
      if (child.getValue().valueType() == ConfigValueType.OBJECT) {
        List<String> childScope = new ArrayList<>(scope);
        childScope.add(name);
        collect(reader, childKey, childScope, into);
      } else if (LATENCY_STATISTICS.contains(name) || name.equals("recovery") || name.equals("window")) {
        into.add(new Budget(childKey, scope, name, reader.duration(childKey).toNanos() / 1e6));
      } else if (name.endsWith("-percent")) {
        into.add(new Budget(childKey, scope, name, reader.percent(childKey)));
      } else {
        throw new ConfigError(childKey + " is not a known budget statistic: expected " + ALLOWED);
      }
    }
  }
}
