package llmperf.budgets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The report path each budget of simulations.conf is judged on, for the journeys that run. A path that never ran
 * fails the run loudly ("Could not find stats matching assertion path"), it is never skipped.
 *
 * <p>Scopes: {@code all} is the global error rate; {@code rest} applies to every REST row of every journey;
 * a journey name (or {@code chat} for both chat journeys) with a statistic applies to the journey's measured
 * row, and with a row name in between (e.g. {@code chat.ttft.p95}) to that row of the journey's group. The
 * sign-off scopes ({@link Budget#SIGN_OFF_SCOPES}) are judged from the run's windows, not on a path.
 */
public final class BudgetPaths {

  private final List<String> lines = new ArrayList<>();
  private final List<BudgetCheck> checks = new ArrayList<>();

  private BudgetPaths() {}

  /**
   * @param groupPrefix groups the journeys run inside in this part of the run (empty for the whole run)
   */
  public static BudgetPaths of(List<Budget> budgets, Collection<JourneyRows> journeys, List<String> groupPrefix) {
    BudgetPaths result = new BudgetPaths();
    Map<String, JourneyRows> byName =
        journeys.stream().collect(Collectors.toMap(JourneyRows::name, Function.identity()));
    for (Budget budget : budgets) {
      String scope = budget.scope().get(0);
      if (Budget.SIGN_OFF_SCOPES.contains(scope)) {
        result.lines.add(budget.key() + " = " + BudgetCheck.limitText(budget) + "  (judged by the sign-off report)");
      } else if (scope.equals("all")) {
        result.add(new BudgetCheck(budget, groupPrefix));
      } else if (scope.equals("rest")) {
        for (JourneyRows journey : journeys) {
          for (String request : journey.restRequests()) {
            result.add(new BudgetCheck(budget, path(groupPrefix, journey.name(), request)));
          }
        }
      } else {
        for (String name : Budget.JOURNEY_ALIASES.getOrDefault(scope, List.of(scope))) {
          JourneyRows journey = byName.get(name);
          if (journey != null) {
            String row = budget.scope().size() > 1 ? budget.scope().get(1) : journey.measuredRequest();
            result.add(new BudgetCheck(budget, path(groupPrefix, journey.name(), row)));
          }
        }
      }
    }
    return result;
  }

  /** Every budget with the path it is judged on. */
  public List<BudgetCheck> checks() {
    return List.copyOf(checks);
  }

  /** The rows the budgets name (every path but the error rates'), each once. */
  public Set<List<String>> rowPaths() {
    Set<List<String>> paths = new LinkedHashSet<>();
    checks.stream().filter(check -> !check.budget().scope().get(0).equals("all"))
        .forEach(check -> paths.add(check.path()));
    return paths;
  }

  /** One line per budget and the report path it is asserted on, for the console before the run starts. */
  public List<String> describe() {
    return List.copyOf(lines);
  }

  private void add(BudgetCheck check) {
    checks.add(check);
    lines.add(check.budget().key() + " = " + BudgetCheck.limitText(check.budget()) + "  ->  " + check.pathText());
  }

  /** The path of a request inside a journey's group, under the group prefix of this part of the run. */
  public static List<String> path(List<String> prefix, String group, String request) {
    List<String> path = new ArrayList<>(prefix);
    path.add(group);
    path.add(request);
    return path;
  }
}
