package llmperf.signoff.render;

import static llmperf.signoff.analysis.Figures.decimal;
import static llmperf.signoff.analysis.Figures.quantity;
import static llmperf.signoff.render.Texts.esc;
import static llmperf.signoff.render.Texts.verdictWord;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import llmperf.budgets.Budget;
import llmperf.signoff.analysis.Summary.BudgetResult;

/**
 * "Closest to the limit": the budgets whose figure uses the largest share of their limit (actual / limit; for a floor,
 * such as the throughput's, limit / actual), a bar each, so that a reviewer sees how near a passing run came to
 * failing, and by how much a failed one missed.
 */
final class Headroom {

  /** How many budgets the page and summary.md rank. */
  static final int SHOWN = 8;

  /** Past ten times its limit a figure reads "over 1000 %": no bar can draw it and the exact share says no more. */
  private static final double MAX_SHOWN_RATIO = 10;
  /** The bars' scale reaches at most twice the limit, so that the limit mark stays in view. */
  private static final double MAX_SCALE = 2;
  private static final int TEXT_BAR_CELLS = 10;

  /** @param ratio the share of its limit the budget's figure uses: 1 is the limit */
  record Use(BudgetResult budget, double ratio) {}

  private Headroom() {}

  /** The budgets with a figure, by the share of their limit used, highest first. */
  static List<Use> closest(List<BudgetResult> budgets, int count) {
    return ranked(budgets).stream().sorted(Comparator.comparingDouble(Use::ratio).reversed()).limit(count).toList();
  }

  /** The budgets that can be ranked: a figure and a limit. A "row ran" check has no headroom: the row ran or not. */
  private static List<Use> ranked(List<BudgetResult> budgets) {
    return budgets.stream().filter(b -> b.actual() != null && !Budget.RAN.equals(b.statistic()))
        .map(b -> new Use(b, ratio(b))).toList();
  }

  static boolean floor(BudgetResult budget) {
    return "min".equals(budget.statistic());
  }

  static double ratio(BudgetResult budget) {
    double actual = budget.actual();
    double limit = budget.limit();
    if (floor(budget)) {
      return actual <= 0 ? Double.POSITIVE_INFINITY : limit / actual;
    }
    if (limit <= 0 || actual > limit * MAX_SHOWN_RATIO) {
      return actual <= 0 ? 0 : Double.POSITIVE_INFINITY;
    }
    return actual / limit;
  }

  /** "124 %"; a figure below zero (a p95 that fell) uses none of its limit. */
  static String usedText(double ratio) {
    if (ratio > MAX_SHOWN_RATIO) {
      return "over " + decimal(100 * MAX_SHOWN_RATIO) + " %";
    }
    return decimal(100 * Math.max(0, ratio)) + " %";
  }

  /** "limit 500 ms", or "floor 95 %" for a budget the figure must reach. */
  static String limitText(BudgetResult budget) {
    return (floor(budget) ? "floor " : "limit ") + quantity(budget.limit(), budget.unit());
  }

  static String html(List<BudgetResult> budgets) {
    List<Use> closest = closest(budgets, SHOWN);
    if (closest.isEmpty()) {
      return "<p class=\"muted\">No budget had a figure to rank.</p>\n";
    }
    double scale = Math.min(MAX_SCALE, Math.max(1, closest.get(0).ratio()));
    StringBuilder html = new StringBuilder("<table class=\"headroom\"><thead><tr><th>budget</th><th>path</th>"
        + "<th class=\"n\">actual</th><th class=\"n\">limit</th><th>share of the limit</th><th>result</th></tr>"
        + "</thead><tbody>\n");
    for (Use use : closest) {
      BudgetResult budget = use.budget();
      String result = budget.passed() ? "pass" : "fail";
      html.append(budget.passed() ? "<tr>" : "<tr class=\"failed\">")
          .append("<td>").append(esc(budget.key())).append("</td><td>").append(esc(budget.path())).append("</td>")
          .append("<td class=\"n\">").append(esc(budget.actualText())).append("</td>")
          .append("<td class=\"n\">").append(esc(limitText(budget))).append("</td>")
          .append("<td><div class=\"bar\"><span class=\"fill ").append(result).append("\" style=\"width:")
          .append(percent(Math.min(Math.max(use.ratio(), 0), scale) / scale))
          .append("\"></span><span class=\"mark\" style=\"left:").append(percent(1 / scale))
          .append("\"></span></div><span class=\"used\">").append(esc(usedText(use.ratio()))).append("</span></td>")
          .append("<td><span class=\"badge ").append(result).append("\">").append(verdictWord(budget.passed()))
          .append("</span></td></tr>\n");
    }
    String note = note(budgets, closest.size(), "the mark on each bar is the limit");
    return html.append("</tbody></table>\n<p class=\"muted\">").append(esc(note)).append("</p>\n").toString();
  }

  static void markdown(StringBuilder md, List<BudgetResult> budgets) {
    List<Use> closest = closest(budgets, SHOWN);
    if (closest.isEmpty()) {
      md.append("No budget had a figure to rank.\n");
      return;
    }
    SignOffMarkdown.Table table = new SignOffMarkdown.Table("llrrll", "budget", "path", "actual", "limit",
        "share of the limit", "result");
    for (Use use : closest) {
      BudgetResult budget = use.budget();
      table.row(budget.key(), budget.path(), budget.actualText(), limitText(budget),
          textBar(use.ratio()) + " " + usedText(use.ratio()), verdictWord(budget.passed()));
    }
    table.appendTo(md);
    md.append('\n').append(SignOffMarkdown.escape(note(budgets, closest.size(), "a full bar is the limit reached")))
        .append('\n');
  }

  /** Ten cells, one filled per tenth of the limit used; full only at the limit or past it. */
  static String textBar(double ratio) {
    int filled = (int) Math.floor(Math.min(Math.max(ratio, 0), 1) * TEXT_BAR_CELLS);
    return "█".repeat(filled) + "░".repeat(TEXT_BAR_CELLS - filled);
  }

  private static String note(List<BudgetResult> budgets, int shown, String bars) {
    long unranked = budgets.size() - ranked(budgets).size();
    return "The " + shown + " of " + budgets.size() + " budgets whose figure uses the largest share of its limit"
        + " (for a floor: the floor over the figure); " + bars + "."
        + (unranked == 0 ? "" : " Not ranked: " + unranked + " without a figure to compare (a row-ran check, a row"
        + " that never ran or had no OK request).");
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }
}
