package llmperf.signoff.render;

import static llmperf.signoff.analysis.Figures.decimal;
import static llmperf.signoff.analysis.Figures.duration;
import static llmperf.signoff.analysis.Figures.signedPercent;
import static llmperf.signoff.render.Texts.budgetTally;
import static llmperf.signoff.render.Texts.count;
import static llmperf.signoff.render.Texts.utc;
import static llmperf.signoff.render.Texts.verdictWord;

import java.util.List;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.Comparison;
import llmperf.signoff.analysis.Summary.Streaming;

/**
 * Renders a {@link Summary} as summary.md: GitHub-flavoured Markdown for a CI job page. It holds the verdict and
 * the tables a reviewer scans first; charts and the request table stay in signoff.html. Figures and sentences
 * come from {@link Texts}, so the two reports never word the same number differently.
 */
public final class SignOffMarkdown {

  /** Characters that Markdown or the HTML GitHub allows in it would interpret; a table cell also ends at '|'. */
  private static final String SPECIAL = "\\`*_[]<>|&~";

  private SignOffMarkdown() {}

  /** The page's order: verdict and failures, closest budgets, phases, journeys, then the folded budget table. */
  public static String render(Summary summary) {
    StringBuilder md = new StringBuilder();
    Journeys journeys = Journeys.of(summary);
    verdict(md, summary);
    md.append("\n### Closest to the limit\n\n");
    Headroom.markdown(md, summary.budgets());
    md.append("\n### Phases\n\n");
    PhaseCards.markdown(md, PhaseCards.of(summary));
    md.append("\n### Journeys\n");
    JourneySections.markdown(md, summary, journeys);
    md.append("\n### Budgets\n\n");
    BudgetGroups.markdown(md, journeys, summary.budgets());
    md.append("\n### Errors by cause\n\n");
    errors(md, summary.errors());
    if (!summary.streaming().isEmpty()) {
      md.append("\n### Against the server's record\n\n");
      if (ServerTruthTables.showsReference(summary)) {
        truth(md, summary.streaming());
      }
      ServerTruthTables.markdown(md, summary);
    }
    for (Summary.Conversation conversation : summary.conversations()) {
      md.append("\n### Conversation turns: ").append(escape(conversation.journey())).append("\n\n")
          .append(escape(Texts.conversationSentence(conversation))).append("\n\n");
      Table table = new Table("rrrrrr", "turn", "replies", "prompt tokens", "TTFT p50 (ms)", "TTFT p95 (ms)",
          "p50 vs turn 1");
      conversation.turns().forEach(turn -> table.row(Tables.turnCells(conversation, turn)));
      table.appendTo(md);
    }
    md.append("\n### Baseline comparison\n\n");
    baseline(md, summary.baseline());
    md.append("\n### Load generator\n\n");
    generator(md, summary.generator(), summary.generators());
    md.append("\n### Target resources\n\n");
    resources(md, summary.resources());
    return md.toString();
  }

  private static void verdict(StringBuilder md, Summary summary) {
    Summary.Run run = summary.run();
    md.append("## ").append(summary.passed() ? "✅ " : "❌ ").append(verdictWord(summary.passed())).append(": ")
        .append(escape(run.simulation())).append(" (").append(escape(run.scale())).append(" scale)\n\n")
        .append(escape(budgetTally(summary.budgets())))
        .append(" · target ").append(escape(run.target()))
        .append(" · commit ").append(escape(run.gitCommit()))
        .append(" · ").append(utc(run.startEpochMs())).append(" to ").append(utc(run.endEpochMs()))
        .append(" (").append(duration(run.durationMs())).append(")")
        .append(run.warmUpRequests() > 0 ? " · warm-up: " + Texts.warmUpSentence(run) : "")
        .append(run.resentRequests() > 0 ? " · " + Texts.resendSentence(run) : "")
        .append(" · Gatling report: ").append(escape(run.gatlingReport())).append('\n');
    if (!summary.passed() && !summary.reasons().isEmpty()) {
      md.append("\n**Why it failed**\n\n");
      FailureLines.of(summary).forEach(line -> md.append("- ").append(escape(line)).append('\n'));
    }
    if (!summary.generator().reliable()) {
      md.append("\n**").append(escape(summary.generator().verdict())).append("**\n");
    }
  }

  private static void generator(StringBuilder md, Summary.Generator generator, List<Summary.Generator> each) {
    Table table = new Table("lrrrrrrrrrrrrrrr", "verdict", "event-loop lag p50", "lag p99", "lag max",
        "CPU mean (share of " + generator.cores() + " cores)", "CPU max", "GC ms", "GC % of run", "max open files",
        "open files limit", "schedule delay p50", "delay p99", "delay max", "journeys/s requested", "achieved",
        "lowest window %");
    (each.isEmpty() ? List.of(generator) : each).forEach(row -> table.row(Tables.generatorCells(row)));
    table.appendTo(md);
    md.append("\n").append(Tables.GENERATOR_NOTE).append('\n');
  }

  private static void resources(StringBuilder md, Summary.Resources resources) {
    md.append(escape(Texts.resourcesSentence(resources))).append('\n');
    if (resources.series().isEmpty()) {
      return;
    }
    md.append('\n');
    Table table = new Table("llrrr", "series", "metric", "samples", "max", "mean");
    resources.series().forEach(series -> table.row(Tables.resourceCells(series)));
    table.appendTo(md);
    if (resources.note() != null) {
      md.append('\n').append(escape(resources.note())).append('\n');
    }
  }

  private static void errors(StringBuilder md, List<Summary.ErrorCause> causes) {
    if (causes.isEmpty()) {
      md.append("No request failed.\n");
      return;
    }
    Table table = new Table("lrrl", "cause", "failed requests", "% of requests", "first message");
    for (Summary.ErrorCause cause : causes) {
      table.row(cause.cause(), count(cause.count()), decimal(cause.percentOfRequests()), cause.example());
    }
    table.appendTo(md);
    md.append("\nEach request a user sees counts once: a REST call, or a streamed reply, whatever rows it wrote.\n");
  }

  private static void truth(StringBuilder md, List<Streaming> journeys) {
    List<Streaming> held = journeys.stream().filter(s -> s.truth() != null).toList();
    if (held.isEmpty()) {
      md.append(Tables.NO_TRUTH).append('\n');
      return;
    }
    Table table = new Table("lrrrrrrrrrrrrrrrrrrr", "journey", "replies", "no record", "server TTFT p50",
        "server TTFT p95", "server TTFT p99", "TTFT error p50", "TTFT error p95",
        "TTFT error max", "end-to-end error p50", "end-to-end error p95", "end-to-end error max", "read delay p50",
        "read delay p95", "queue wait p50",
        "queue wait p95", "prefill p50", "prefill p95", "rest of TTFT p50", "rest of TTFT p95");
    for (Streaming s : held) {
      table.row(Tables.truthCells(s));
    }
    table.appendTo(md);
    Tables.prefixCacheLines(held).forEach(line -> md.append('\n').append(line).append('\n'));
    md.append("\nTimes in ms. ").append(Tables.truthNote(held)).append('\n');
  }

  private static void baseline(StringBuilder md, Comparison comparison) {
    md.append("**").append(escape(comparison.status())).append("**: ").append(escape(comparison.note()));
    if (comparison.baselineFile() != null) {
      md.append(" (baseline: ").append(escape(comparison.baselineFile())).append(')');
    }
    md.append('\n');
    if (comparison.deltas().isEmpty()) {
      return;
    }
    md.append('\n');
    Table table = new Table("lrrrrrl", "path", "baseline p95 (ms)", "current p95 (ms)", "change", "95 % interval",
        "threshold", "result");
    for (Comparison.Delta delta : comparison.deltas()) {
      table.row(delta.path(), count(delta.baselineP95()), count(delta.currentP95()),
          signedPercent(delta.changePercent()), ChangeTexts.interval(delta.interval()),
          "+" + decimal(delta.thresholdPercent()) + " %",
          ChangeTexts.verdict(delta));
    }
    table.appendTo(md);
  }

  /**
   * Text from the data, made literal: Markdown and HTML characters get a backslash (GitHub shows the character
   * itself), and line breaks become spaces since a table row or list item is one line.
   */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (char c : text.toCharArray()) {
      if (c == '\n' || c == '\r') {
        out.append(' ');
      } else {
        if (SPECIAL.indexOf(c) >= 0) {
          out.append('\\');
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A GFM table; every cell is escaped here. A failed result is bold so it stands out in a long table. */
  static final class Table {

    private final String align;
    private final StringBuilder rows = new StringBuilder();
    private final String header;

    /** @param align one letter per column: 'l' for text, 'r' for numbers */
    Table(String align, String... headers) {
      if (align.length() != headers.length) {
        throw new IllegalArgumentException(align + " does not align " + headers.length + " columns");
      }
      this.align = align;
      StringBuilder line = new StringBuilder("|");
      for (String title : headers) {
        line.append(' ').append(escape(title)).append(" |");
      }
      line.append("\n|");
      for (char side : align.toCharArray()) {
        line.append(side == 'r' ? " ---: |" : " --- |");
      }
      this.header = line.append('\n').toString();
    }

    void row(String... cells) {
      if (cells.length != align.length()) {
        throw new IllegalArgumentException(cells.length + " cells for " + align.length() + " columns");
      }
      rows.append('|');
      for (String cell : cells) {
        boolean alarm = "FAIL".equals(cell) || cell.startsWith("REGRESSION");
        rows.append(' ').append(alarm ? "**" + cell + "**" : escape(cell)).append(" |");
      }
      rows.append('\n');
    }

    void appendTo(StringBuilder md) {
      md.append(rows.isEmpty() ? "None.\n" : header + rows);
    }
  }
}
