package llmperf.signoff.render;

import static llmperf.signoff.analysis.Figures.quantity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import llmperf.budgets.Budget;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.BudgetResult;

/**
 * What failed, in plain words, one line each, in the order the sign-off found it: the first thing under the verdict
 * on the page and in summary.md. A failed budget reads as what was measured against what was allowed, its key last; a
 * failed phase as its card's sentence; any other reason (a stopped load) is already a sentence and stays as it is.
 */
final class FailureLines {

  private FailureLines() {}

  static List<String> of(Summary summary) {
    Map<String, String> plain = new HashMap<>();
    summary.budgets().stream().filter(b -> !b.passed()).forEach(b -> plain.putIfAbsent(b.describe(), plain(b)));
    PhaseCards.of(summary).stream().filter(card -> card.verdict() == PhaseCards.Verdict.FAILED && card.reason() != null)
        .forEach(card -> plain.putIfAbsent(card.reason(), card.title() + " failed: " + card.sentence()));
    return summary.reasons().stream().map(reason -> plain.getOrDefault(reason, reason)).toList();
  }

  /** "after the spike / chat-sse / ttft: p95 620 ms, over the limit of 500 ms (budgets.chat.ttft.p95)". */
  static String plain(BudgetResult budget) {
    String key = " (" + budget.key() + ")";
    if (Budget.RAN.equals(budget.statistic())) {
      return budget.path() + ": never ran, though a budget names it" + key;
    }
    if (budget.actual() == null) {
      return budget.path() + ": " + (budget.notJudged() != null ? "not judged, " + budget.notJudged()
          : "never ran, so its " + statistic(budget) + " could not be judged") + key;
    }
    String limit = quantity(budget.limit(), budget.unit());
    if (Headroom.floor(budget)) {
      return budget.path() + ": " + budget.actualText() + ", under the floor of " + limit + key;
    }
    String actual = statistic(budget) + " " + budget.actualText();
    return budget.path() + ": " + actual + (budget.actual() > budget.limit() ? ", over the limit of "
        : ", at the limit of ") + limit + key;
  }

  private static String statistic(BudgetResult budget) {
    return switch (budget.statistic()) {
      case "error-rate-percent" -> "error rate";
      default -> budget.statistic();
    };
  }
}
