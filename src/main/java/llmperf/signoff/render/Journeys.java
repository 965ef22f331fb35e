package llmperf.signoff.render;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import llmperf.budgets.Budget;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.BudgetResult;
import llmperf.signoff.analysis.Summary.RowStats;

/**
 * The journeys of a run and which of its budgets and report rows belong to each, so that the sign-off can show a
 * journey's figures together. A journey is a report group that holds requests directly (chat-sse in "after the spike /
 * chat-sse / ttft"), whatever phase group holds it in turn; a budget or row belongs to the first journey its path
 * names, and budgets naming none (the error rate, throughput, scaling, the target's series) to the whole run.
 */
final class Journeys {

  /** The group of budgets that name no journey. */
  static final String WHOLE_RUN = "whole run";

  private static final String SEPARATOR = " / ";

  private final List<String> names;
  private final Set<String> known;

  private Journeys(List<String> names) {
    this.names = List.copyOf(names);
    this.known = Set.copyOf(names);
  }

  /** The streaming and voice journeys first, the order the run's figures give them, then the others by report row. */
  static Journeys of(Summary summary) {
    Set<String> names = new LinkedHashSet<>();
    summary.streaming().forEach(s -> names.add(s.journey()));
    summary.audio().forEach(a -> names.add(a.journey()));
    Set<String> groups = new HashSet<>();
    summary.rows().forEach(row -> {
      for (int i = 1; i < row.path().size(); i++) {
        groups.add(String.join(SEPARATOR, row.path().subList(0, i)));
      }
    });
    for (RowStats row : summary.rows()) {
      boolean request = !groups.contains(row.name());
      if (request && row.path().size() >= 2) {
        names.add(row.path().get(row.path().size() - 2));
      }
    }
    // A row budget whose row never ran still names its journey: its failure belongs with the journey's figures.
    for (BudgetResult budget : summary.budgets()) {
      List<String> parts = List.of(budget.path().split(SEPARATOR));
      boolean onARow = "ms".equals(budget.unit()) || Budget.RAN.equals(budget.statistic());
      if (onARow && parts.size() >= 2) {
        names.add(parts.get(parts.size() - 2));
      }
    }
    return new Journeys(new ArrayList<>(names));
  }

  List<String> names() {
    return names;
  }

  /** The journey a report path names, or null when it names none. */
  String of(String path) {
    for (String part : path.split(SEPARATOR)) {
      if (known.contains(part)) {
        return part;
      }
    }
    return null;
  }

  /** The run's budgets by group: the whole run's first, then each journey's, each in the sign-off's order. */
  Map<String, List<BudgetResult>> budgets(List<BudgetResult> budgets) {
    Map<String, List<BudgetResult>> groups = new LinkedHashMap<>();
    groups.put(WHOLE_RUN, new ArrayList<>());
    names.forEach(name -> groups.put(name, new ArrayList<>()));
    for (BudgetResult budget : budgets) {
      String journey = of(budget.path());
      groups.get(journey == null ? WHOLE_RUN : journey).add(budget);
    }
    groups.values().removeIf(List::isEmpty);
    return groups;
  }

  /** The report rows of one journey, in the report's order. */
  List<RowStats> rows(List<RowStats> rows, String journey) {
    return rows.stream().filter(row -> journey.equals(of(row.name()))).toList();
  }

  /** The report rows that belong to no journey: phase groups, requests outside a journey. */
  List<RowStats> otherRows(List<RowStats> rows) {
    return rows.stream().filter(row -> of(row.name()) == null).toList();
  }
}
