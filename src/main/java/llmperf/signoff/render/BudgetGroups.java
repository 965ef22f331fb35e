package llmperf.signoff.render;

import static llmperf.signoff.analysis.Figures.quantity;
import static llmperf.signoff.render.Texts.esc;
import static llmperf.signoff.render.Texts.verdictWord;

import java.util.List;
import java.util.Map;
import llmperf.signoff.analysis.Summary.BudgetResult;

/**
 * The full budget table, grouped by journey (the budgets naming none under the whole run) and folded: a Spike holds
 * some seventy rows. A group holding a failure is unfolded, so no failure is ever behind a click.
 */
final class BudgetGroups {

  static final String NOTE = "Every budget the sign-off judged, by journey; a group holding a failure is unfolded.";

  private BudgetGroups() {}

  static String html(Journeys journeys, List<BudgetResult> budgets) {
    StringBuilder html = new StringBuilder("<p class=\"muted\">").append(esc(NOTE)).append("</p>\n");
    for (Map.Entry<String, List<BudgetResult>> group : journeys.budgets(budgets).entrySet()) {
      boolean failed = group.getValue().stream().anyMatch(b -> !b.passed());
      html.append(failed ? "<details open=\"open\">" : "<details>").append("<summary><span class=\"badge ")
          .append(failed ? "fail" : "pass").append("\">").append(verdictWord(!failed)).append("</span> ")
          .append(esc(heading(group.getKey(), group.getValue()))).append("</summary>\n")
          .append(Tables.budgets(group.getValue())).append("</details>\n");
    }
    return html.toString();
  }

  /** GitHub renders &lt;details&gt; in Markdown; the blank lines around the table let it render the table too. */
  static void markdown(StringBuilder md, Journeys journeys, List<BudgetResult> budgets) {
    md.append(NOTE).append('\n');
    for (Map.Entry<String, List<BudgetResult>> group : journeys.budgets(budgets).entrySet()) {
      boolean failed = group.getValue().stream().anyMatch(b -> !b.passed());
      md.append('\n').append(failed ? "<details open>" : "<details>").append("<summary>")
          .append(failed ? "❌ " : "✅ ").append(esc(heading(group.getKey(), group.getValue())))
          .append("</summary>\n\n");
      SignOffMarkdown.Table table = new SignOffMarkdown.Table("lllrrl", "budget", "path", "statistic", "limit",
          "actual", "result");
      for (BudgetResult budget : group.getValue()) {
        table.row(budget.key(), budget.path(), budget.statistic(), quantity(budget.limit(), budget.unit()),
            budget.actualText(), verdictWord(budget.passed()));
      }
      table.appendTo(md);
      md.append("\n</details>\n");
    }
  }

  /** "chat-sse: 11 of 12 budgets met". */
  private static String heading(String group, List<BudgetResult> budgets) {
    return group + ": " + Texts.budgetTally(budgets);
  }
}
