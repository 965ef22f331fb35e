package llmperf.signoff.render;

import static llmperf.signoff.analysis.Figures.decimal;
import static llmperf.signoff.analysis.Figures.quantity;
import static llmperf.signoff.analysis.Figures.signedPercent;
import static llmperf.signoff.render.Texts.count;
import static llmperf.signoff.render.Texts.esc;
import static llmperf.signoff.render.Texts.verdictWord;

import java.util.ArrayList;
import java.util.List;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.BudgetResult;
import llmperf.signoff.analysis.Summary.Comparison;
import llmperf.signoff.analysis.Summary.ErrorCause;
import llmperf.signoff.analysis.Summary.Phases.BreakingPoint;
import llmperf.signoff.analysis.Summary.Phases.Drift;
import llmperf.signoff.analysis.Summary.Phases.Scaling;
import llmperf.signoff.analysis.Summary.Streaming;
import llmperf.signoff.analysis.Summary.Window;

/** The tables of signoff.html and the notes under them; summary.md takes the cells of some of them from here. */
final class Tables {

  private Tables() {}

  static String budgets(List<BudgetResult> budgets) {
    Table table = new Table().text("budget").text("path").text("statistic").num("limit").num("actual")
        .flag("result");
    for (BudgetResult budget : budgets) {
      table.row(!budget.passed(), budget.key(), budget.path(), budget.statistic(),
          quantity(budget.limit(), budget.unit()), budget.actualText(), verdictWord(budget.passed()));
    }
    return table.html();
  }

  static String errors(List<ErrorCause> causes) {
    if (causes.isEmpty()) {
      return "<p>No request failed.</p>\n";
    }
    Table table = new Table().text("cause").num("failed requests").num("% of requests").text("first message");
    for (ErrorCause cause : causes) {
      table.row(false, cause.cause(), count(cause.count()), decimal(cause.percentOfRequests()), cause.example());
    }
    return table.html() + "<p class=\"muted\">Each request a user sees counts once: a REST call, or a streamed reply"
        + " (by its end-to-end row, whatever other rows it wrote). 429 and 503 are a service shedding load; timeouts,"
        + " drops, truncations and refused connections are not.</p>\n";
  }

  static String truth(List<Streaming> journeys) {
    List<Streaming> held = journeys.stream().filter(s -> s.truth() != null).toList();
    if (held.isEmpty()) {
      return "<p class=\"muted\">" + NO_TRUTH + "</p>\n";
    }
    Table table = new Table().text("journey").num("replies").num("no record")
        .group("TTFT per the server (ms)", "p50", "p95", "p99")
        .group("TTFT error (ms)", "p50", "p95", "max")
        .group("end-to-end error (ms)", "p50", "p95", "max")
        .group("read delay (ms)", "p50", "p95")
        .group("queue wait (ms)", "p50", "p95")
        .group("prefill (ms)", "p50", "p95")
        .group("rest of TTFT (ms)", "p50", "p95");
    for (Streaming s : held) {
      table.row(s.truth().negative() > 0, truthCells(s));
    }
    StringBuilder html = new StringBuilder(table.html());
    prefixCacheLines(held).forEach(line -> html.append("<p>").append(esc(line)).append("</p>\n"));
    return html + "<p class=\"muted\">" + truthNote(held) + "</p>\n";
  }

  /** Per journey whose prompts hit the server's prefix cache: the suite's TTFT of hits against misses. */
  static List<String> prefixCacheLines(List<Streaming> held) {
    return held.stream().filter(s -> s.truth().prefixCache() != null).map(s -> {
      Summary.PrefixCache p = s.truth().prefixCache();
      return s.journey() + ": prefix-cache hits: " + count(p.hits()) + " replies, TTFT p50 "
          + decimal(p.hitTtft().p50()) + " ms; misses: " + count(p.misses()) + ", p50 " + decimal(p.missTtft().p50())
          + " ms";
    }).toList();
  }

  /** What the errors mean: a server in this JVM shares the suite's clock, one in another process does not. */
  static String truthNote(List<Streaming> held) {
    return held.stream().anyMatch(s -> s.truth().otherProcess()) ? TRUTH_NOTE_OTHER_PROCESS : TRUTH_NOTE;
  }

  /** @param each every load generator's row when the run merged several; else the run's one row, {@code g} */
  static String generator(Summary.Generator g, List<Summary.Generator> each) {
    Table table = new Table().text("verdict")
        .group("event-loop lag (ms)", "p50", "p99", "max")
        .group("CPU (share of " + g.cores() + " cores)", "mean", "max")
        .group("GC", "ms", "% of run")
        .group("file descriptors", "max open", "limit")
        .group("schedule delay (ms)", "p50", "p99", "max")
        .group("journeys/s", "requested", "achieved", "lowest window %");
    (each.isEmpty() ? List.of(g) : each).forEach(row -> table.row(!row.reliable(), generatorCells(row)));
    return table.html() + "<p class=\"muted\">" + GENERATOR_NOTE + "</p>\n";
  }

  static final String GENERATOR_NOTE = "The load generator's own health during the run. Event-loop lag: how late a"
      + " task scheduled on Gatling's event loops every 10 ms ran; every timing of the run waited as long. A lag p99"
      + " over 10 ms, a TTFT error p95 over 5 % of the TTFT budget, or descriptors near their limit mark the figures"
      + " unreliable: they then describe the generator as much as the service. Schedule delay (open-model runs): how"
      + " late each journey started after its injection profile made it due, p99 over 10 ms marks the figures"
      + " unreliable too; journeys/s: started against due, over the run and in its lowest window. Gatling keeps no"
      + " due time, so the profile's own plan is placed where the least-late journey is on time: a lower bound.";

  /** The generator's cells, in the column order of this page and of summary.md. */
  static String[] generatorCells(Summary.Generator g) {
    return new String[] {g.verdict(), decimal(g.lagP50Ms()), decimal(g.lagP99Ms()), decimal(g.lagMaxMs()),
        decimal(g.cpuMean()), decimal(g.cpuMax()), count(g.gcMillis()), decimal(g.gcPercent()),
        count(g.openFilesMax()), g.openFilesLimit() < 0 ? "n/a" : count(g.openFilesLimit()),
        orDash(g.scheduleDelayP50Ms()), orDash(g.scheduleDelayP99Ms()), orDash(g.scheduleDelayMaxMs()),
        orDash(g.requestedRatePerSec()), orDash(g.achievedRatePerSec()), orDash(g.lowestWindowRatePercent())};
  }

  /** A figure a closed-model run does not have. */
  private static String orDash(Double figure) {
    return figure == null ? "-" : decimal(figure);
  }

  static final String NO_TRUTH = "No server record: the target is not the embedded reference server in this JVM, so"
      + " the suite's figures were not held against the server's own timings.";
  static final String TRUTH_NOTE = "Each OK reply against the reference server's record of the same request"
      + " (x-request-id), on one clock. Error: how much later the suite saw the first content (TTFT) and the"
      + " terminal event (end-to-end) than the server wrote them, i.e. what the network and the load generator add."
      + " TTFT = read delay (the request waiting for the server's event loop) + queue wait (for a GPU slot) + prefill"
      + " + the rest (server overhead, network, client).";

  static final String TRUTH_NOTE_OTHER_PROCESS = "Each OK reply against the record the reference server (in"
      + " another process) kept of the same request (x-request-id). Error: the suite's TTFT and end-to-end, from"
      + " writing the request, minus the server's own, from reading it: what the request's way to the server, the"
      + " server's read of it, the network and the load generator add (read delay not measured: two processes do"
      + " not share a clock). TTFT = queue wait (for a GPU slot) + prefill + the rest.";

  /** One journey's cells of the server-record table, in the column order of this page and of summary.md. */
  static String[] truthCells(Streaming s) {
    Summary.Truth t = s.truth();
    return new String[] {s.journey(), count(t.joined()), count(t.missing()),
        decimal(t.serverTtft().p50()), decimal(t.serverTtft().p95()), decimal(t.serverTtft().p99()),
        decimal(t.ttftError().p50()), decimal(t.ttftError().p95()), decimal(t.ttftError().max()),
        decimal(t.endToEndError().p50()), decimal(t.endToEndError().p95()), decimal(t.endToEndError().max()),
        t.otherProcess() ? "n/a" : decimal(t.readDelay().p50()), t.otherProcess() ? "n/a" : decimal(t.readDelay().p95()),
        decimal(t.queueWait().p50()), decimal(t.queueWait().p95()), decimal(t.prefill().p50()),
        decimal(t.prefill().p95()), decimal(t.rest().p50()), decimal(t.rest().p95())};
  }

  static String baseline(Comparison comparison) {
    boolean regressed = comparison.deltas().stream().anyMatch(Comparison.Delta::regression);
    String badge = regressed ? "fail" : comparison.deltas().isEmpty() ? "neutral" : "pass";
    StringBuilder html = new StringBuilder("<p><span class=\"badge ").append(badge).append("\">")
        .append(esc(comparison.status())).append("</span> ").append(esc(comparison.note())).append("</p>");
    if (comparison.baselineFile() != null) {
      html.append("<p class=\"muted\">Baseline: ").append(esc(comparison.baselineFile())).append("</p>");
    }
    Table table = new Table().text("path").num("baseline p95 (ms)").num("current p95 (ms)").num("change")
        .num("95 % interval").num("threshold").flag("result");
    for (Comparison.Delta delta : comparison.deltas()) {
      table.row(delta.regression(), delta.path(), count(delta.baselineP95()), count(delta.currentP95()),
          signedPercent(delta.changePercent()), ChangeTexts.interval(delta.interval()),
          "+" + decimal(delta.thresholdPercent()) + " %", ChangeTexts.verdict(delta));
    }
    return html + (comparison.deltas().isEmpty() ? "" : table.html()) + "\n";
  }

  /** The first and last windows of a soak, side by side, then each row's median in both. */
  static String driftWindows(Drift drift) {
    Table windows = new Table().text("window").num("from (s)").num("to (s)").num("requests").num("error %")
        .num("p50 (ms)").num("p95 (ms)");
    windows.row(false, windowRow("first", drift.first()));
    windows.row(false, windowRow("last", drift.last()));
    Table rows = new Table().text("row").group("first window", "OK samples", "median (ms)")
        .group("last window", "OK samples", "median (ms)").num("change").num("95 % interval").num("limit")
        .text("result");
    for (Drift.RowDrift row : drift.rows()) {
      rows.row(row.drifted(), row.path(), count(row.firstCount()), row.judged() ? count(row.firstP50()) : "",
          count(row.lastCount()), row.judged() ? count(row.lastP50()) : "",
          row.judged() ? signedPercent(row.changePercent()) : "", ChangeTexts.interval(row.interval()),
          "+" + decimal(row.thresholdPercent()) + " %", ChangeTexts.verdict(row));
    }
    return windows.html() + ChangeTexts.leftOut(drift) + (drift.rows().isEmpty() ? "" : rows.html());
  }

  private static String[] windowRow(String name, Window window) {
    return new String[] {name, decimal(window.startOffsetMs() / 1000.0), decimal(window.endOffsetMs() / 1000.0),
        count(window.count()), decimal(window.errorPercent()), count(window.p50()), count(window.p95())};
  }

  static String stairs(BreakingPoint point) {
    Table stairs = new Table().text("stair").num("rate (/s)").num("requests").num("error %").num("p95 (ms)")
        .text("failed budgets").flag("result");
    for (BreakingPoint.Stair stair : point.stairs()) {
      boolean met = stair.failedBudgets().isEmpty();
      stairs.row(!met, stair.group(), decimal(stair.ratePerSec()), count(stair.count()),
          decimal(stair.errorPercent()), count(stair.p95()), String.join(", ", stair.failedBudgets()),
          verdictWord(met));
    }
    return stairs.html();
  }

  static String scalingSteps(Scaling scaling) {
    Table steps = new Table().text("step").num("users").num("requests").num("error %").num("OK requests/s")
        .num("p95 (ms)");
    for (Scaling.Step step : scaling.steps()) {
      steps.row(false, step.group(), count(step.users()), count(step.count()), decimal(step.errorPercent()),
          decimal(step.perSecond()), count(step.p95()));
    }
    return steps.html();
  }

  /** A conversation's turns: their prompts' length and their TTFT, against the first turn's. */
  static String conversationTurns(Summary.Conversation conversation) {
    Table table = new Table().num("turn").num("replies").num("prompt tokens").group("TTFT (ms)", "p50", "p95")
        .num("p50 vs turn 1");
    conversation.turns().forEach(turn -> table.row(false, turnCells(conversation, turn)));
    return table.html();
  }

  /** The cells of a turn's row, shared with summary.md. */
  static String[] turnCells(Summary.Conversation conversation, Summary.Conversation.Turn turn) {
    double first = conversation.turns().get(0).ttftP50();
    return new String[] {String.valueOf(turn.turn()), count(turn.replies()), decimal(turn.promptTokens()),
        decimal(turn.ttftP50()), decimal(turn.ttftP95()), (turn.ttftP50() >= first ? "+" : "")
        + decimal(turn.ttftP50() - first) + " ms"};
  }

  /** Each sampled series of the target: its highest sample and mean over the measured run, and how many there were. */
  static String resources(Summary.Resources resources) {
    Table table = new Table().text("series").text("metric").num("samples").num("max").num("mean");
    resources.series().forEach(series -> table.row(false, resourceCells(series)));
    return table.html();
  }

  /** The cells of a series' row, shared with summary.md. */
  static String[] resourceCells(Summary.Resources.Series series) {
    return new String[] {series.name(), series.metric(), count(series.samples()),
        series.max() == null ? "none" : quantity(series.max(), series.unit()),
        series.mean() == null ? "none" : quantity(series.mean(), series.unit())};
  }

  /**
   * An HTML table declared column by column. Cells are plain text, escaped here, so no caller can forget to.
   * Numeric columns are right-aligned; columns sharing a group get a spanning header above them.
   */
  static final class Table {

    private enum Kind { TEXT, NUMBER, FLAG }

    private record Column(String group, String title, Kind kind) {}

    private final List<Column> columns = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();

    Table text(String title) {
      columns.add(new Column(null, title, Kind.TEXT));
      return this;
    }

    Table num(String title) {
      columns.add(new Column(null, title, Kind.NUMBER));
      return this;
    }

    /** A PASS/FAIL-like column, shown as a badge coloured by its row's outcome. */
    Table flag(String title) {
      columns.add(new Column(null, title, Kind.FLAG));
      return this;
    }

    Table group(String group, String... titles) {
      for (String title : titles) {
        columns.add(new Column(group, title, Kind.NUMBER));
      }
      return this;
    }

    /** @param failed tints the row and makes its flag red */
    void row(boolean failed, String... values) {
      if (values.length != columns.size()) {
        throw new IllegalArgumentException(values.length + " cells for " + columns.size() + " columns");
      }
      body.append(failed ? "<tr class=\"failed\">" : "<tr>");
      for (int i = 0; i < values.length; i++) {
        String value = esc(values[i]);
        switch (columns.get(i).kind()) {
          case TEXT -> body.append("<td>").append(value).append("</td>");
          case NUMBER -> body.append("<td class=\"n\">").append(value).append("</td>");
          case FLAG -> body.append("<td><span class=\"badge ").append(failed ? "fail" : "pass").append("\">")
              .append(value).append("</span></td>");
        }
      }
      body.append("</tr>\n");
    }

    String html() {
      if (body.isEmpty()) {
        return "<p class=\"muted\">None.</p>\n";
      }
      return "<table><thead>" + header() + "</thead><tbody>\n" + body + "</tbody></table>\n";
    }

    private String header() {
      boolean grouped = columns.stream().anyMatch(c -> c.group() != null);
      StringBuilder top = new StringBuilder("<tr>");
      StringBuilder below = new StringBuilder("<tr>");
      int i = 0;
      while (i < columns.size()) {
        Column column = columns.get(i);
        if (column.group() == null) {
          top.append(th(column, grouped ? " rowspan=\"2\"" : ""));
          i++;
          continue;
        }
        int span = 0;
        while (i + span < columns.size() && column.group().equals(columns.get(i + span).group())) {
          below.append(th(columns.get(i + span), ""));
          span++;
        }
        top.append("<th class=\"group\" colspan=\"").append(span).append("\">").append(esc(column.group()))
            .append("</th>");
        i += span;
      }
      return top + "</tr>" + (grouped ? below + "</tr>" : "");
    }

    private static String th(Column column, String attributes) {
      String align = column.kind() == Kind.NUMBER ? " class=\"n\"" : "";
      return "<th" + align + attributes + ">" + esc(column.title()) + "</th>";
    }
  }
}
