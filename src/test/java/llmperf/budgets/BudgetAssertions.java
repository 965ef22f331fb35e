package llmperf.budgets;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import llmperf.config.Budget;
import llmperf.config.Budgets;
import llmperf.journeys.Journey;

/**
 * Turns the budgets of simulations.conf into Gatling assertions on the report paths of the journeys that run,
 * so that {@code mvn gatling:test} fails the build when one fails. A path that never ran fails the run
 * loudly ("Could not find stats matching assertion path"), it is never skipped.
 *
 * <p>Scopes: {@code all} is the global error rate; {@code rest} applies to every REST row of every journey;
 * a journey name (or {@code chat} for both chat journeys) with a statistic applies to the journey's measured
 * row, and with a row name in between (e.g. {@code chat.ttft.p95}) to that row of the journey's group.
 */
public final class BudgetAssertions {

  /**
   * One budget judged on one report path.
   *
   * @param path the report path; empty for the global error rate
   */
  public record Check(Budget budget, List<String> path) {

    public String pathText() {
      return path.isEmpty() ? "global" : String.join(" / ", path);
    }
  }

  private final List<String> lines = new ArrayList<>();
  private final List<Check> checks = new ArrayList<>();
  private final List<Assertion> assertions = new ArrayList<>();
  private final Set<List<String>> paths = new LinkedHashSet<>();

  private BudgetAssertions() {}

  /**
   * @param groupPrefix groups the journeys run inside in this part of the run (empty for the whole run)
   */
  public static BudgetAssertions of(List<Budget> budgets, Collection<Journey> journeys, List<String> groupPrefix) {
    BudgetAssertions result = new BudgetAssertions();
    Map<String, Journey> byName = journeys.stream().collect(Collectors.toMap(Journey::name, Function.identity()));
    for (Budget budget : budgets) {
      String scope = budget.scope().get(0);
      if (Budgets.SIGN_OFF_SCOPES.contains(scope)) {
        result.lines.add(budget.key() + " = " + limitText(budget) + "  (judged by the sign-off report)");
      } else if (scope.equals("all") && groupPrefix.isEmpty()) {
        result.add(new Check(budget, List.of()), global().failedRequests().percent().lt(budget.limit()));
      } else if (scope.equals("all")) {
        String[] group = groupPrefix.toArray(String[]::new);
        result.add(new Check(budget, groupPrefix), details(group).failedRequests().percent().lt(budget.limit()));
      } else if (scope.equals("rest")) {
        for (Journey journey : journeys) {
          for (String request : journey.restRequests()) {
            result.addLatency(budget, path(groupPrefix, journey.name(), request));
          }
        }
      } else {
        for (String name : Budgets.JOURNEY_ALIASES.getOrDefault(scope, List.of(scope))) {
          Journey journey = byName.get(name);
          if (journey != null) {
            String row = budget.scope().size() > 1 ? budget.scope().get(1) : journey.measuredRequest();
            result.addLatency(budget, path(groupPrefix, journey.name(), row));
          }
        }
      }
    }
    return result;
  }

  public List<Assertion> assertions() {
    return List.copyOf(assertions);
  }

  /**
   * That every latency budget's row ran at least once, without judging its value: for runs too short for
   * percentiles to mean anything.
   */
  public List<Assertion> presence() {
    return paths.stream().map(path -> details(path.toArray(String[]::new)).allRequests().count().gt(0L)).toList();
  }

  /** Every budget with the path it is judged on, for the sign-off to judge the same from simulation.log. */
  public List<Check> checks() {
    return List.copyOf(checks);
  }

  /** One line per budget and the report path it is asserted on, for the console before the run starts. */
  public List<String> describe() {
    return List.copyOf(lines);
  }

  private void addLatency(Budget budget, List<String> path) {
    paths.add(path);
    String[] parts = path.toArray(String[]::new);
    var metric = details(parts).responseTime();
    int limit = (int) Math.round(budget.limit());
    var target = switch (budget.statistic()) {
      case "max" -> metric.max();
      case "mean" -> metric.mean();
      default -> metric.percentile(Double.parseDouble(budget.statistic().substring(1)));
    };
    add(new Check(budget, path), target.lt(limit));
  }

  private void add(Check check, Assertion assertion) {
    assertions.add(assertion);
    checks.add(check);
    lines.add(check.budget().key() + " = " + limitText(check.budget()) + "  ->  " + check.pathText());
  }

  private static List<String> path(List<String> prefix, String group, String request) {
    List<String> path = new ArrayList<>(prefix);
    path.add(group);
    path.add(request);
    return path;
  }

  private static String limitText(Budget budget) {
    return budget.isLatency() ? Math.round(budget.limit()) + " ms" : budget.limit() + " %";
  }
}
