package llmperf.signoff.render;

import static llmperf.signoff.analysis.Figures.decimal;
import static llmperf.signoff.analysis.Figures.duration;
import static llmperf.signoff.analysis.Figures.quantity;
import static llmperf.signoff.analysis.Figures.signedPercent;
import static llmperf.signoff.render.Texts.breakingPointSentence;
import static llmperf.signoff.render.Texts.budgetTally;
import static llmperf.signoff.render.Texts.count;
import static llmperf.signoff.render.Texts.driftSentence;
import static llmperf.signoff.render.Texts.recoverySentence;
import static llmperf.signoff.render.Texts.utc;
import static llmperf.signoff.render.Texts.verdictWord;

import java.util.ArrayList;
import java.util.List;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.Audio;
import llmperf.signoff.analysis.Summary.BudgetResult;
import llmperf.signoff.analysis.Summary.Comparison;
import llmperf.signoff.analysis.Summary.Phases;
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

  public static String render(Summary summary) {
    StringBuilder md = new StringBuilder();
    verdict(md, summary);
    md.append("\n### Budgets\n\n");
    budgets(md, summary.budgets());
    md.append("\n### Errors by cause\n\n");
    errors(md, summary.errors());
    md.append("\n### Streaming\n\n");
    streaming(md, summary.streaming());
    tokenKinds(md, summary.streaming());
    tokenAsks(md, summary.streaming());
    fromDue(md, summary.generator());
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
    if (!summary.audio().isEmpty()) {
      md.append("\n### Voice\n\n");
      audio(md, summary.audio());
    }
    md.append("\n### Load generator\n\n");
    generator(md, summary.generator());
    md.append("\n### Target resources\n\n");
    resources(md, summary.resources());
    md.append("\n### Baseline comparison\n\n");
    baseline(md, summary.baseline());
    phases(md, summary.phases());
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
      summary.reasons().forEach(reason -> md.append("- ").append(escape(reason)).append('\n'));
    }
    if (!summary.generator().reliable()) {
      md.append("\n**").append(escape(summary.generator().verdict())).append("**\n");
    }
  }

  private static void generator(StringBuilder md, Summary.Generator generator) {
    Table table = new Table("lrrrrrrrrrrrrrrr", "verdict", "event-loop lag p50", "lag p99", "lag max",
        "CPU mean (share of " + generator.cores() + " cores)", "CPU max", "GC ms", "GC % of run", "max open files",
        "open files limit", "schedule delay p50", "delay p99", "delay max", "journeys/s requested", "achieved",
        "lowest window %");
    table.row(Tables.generatorCells(generator));
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

  private static void budgets(StringBuilder md, List<BudgetResult> budgets) {
    Table table = new Table("lllrrl", "budget", "path", "statistic", "limit", "actual", "result");
    for (BudgetResult budget : budgets) {
      table.row(budget.key(), budget.path(), budget.statistic(), quantity(budget.limit(), budget.unit()),
          budget.actualText(), verdictWord(budget.passed()));
    }
    table.appendTo(md);
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

  private static void streaming(StringBuilder md, List<Streaming> journeys) {
    Table table = new Table("lrrrrrrrrrrrrrrrrrlr", "journey", "replies", "failed", "TTFT p50", "TTFT p95",
        "TTFT p99", "inter-chunk p95", "inter-chunk max", "chunk gaps p50", "chunk gaps p95", "chunk gaps p99",
        "ITL p50", "ITL p95", "end-to-end p50", "end-to-end p95", "end-to-end p99", "output tokens/s per reply",
        "system output tokens/s", "tokens from", "goodput/s");
    for (Streaming s : journeys) {
      table.row(Tables.streamingCells(s));
    }
    table.appendTo(md);
    if (!journeys.isEmpty()) {
      md.append("\nTimes in ms. Inter-chunk: each reply's longest gap between token events (the budgeted row);"
          + " chunk gaps: every gap of the OK replies. Output tokens/s per reply is a median; the system's counts"
          + " every OK reply over the run. Goodput: OK replies whose own TTFT, ITL and end-to-end met their journey's budgets,"
          + " per second.\n");
    }
  }

  private static void tokenKinds(StringBuilder md, List<Streaming> streaming) {
    List<Streaming> journeys = TokenKindTable.journeys(streaming);
    if (journeys.isEmpty()) {
      return;
    }
    md.append("\n#### ").append(TokenKindTable.TITLE).append("\n\n");
    Table table = new Table("lrrrrrrrrr", TokenKindTable.HEADERS);
    journeys.forEach(s -> table.row(TokenKindTable.cells(s)));
    table.appendTo(md);
    md.append('\n').append(TokenKindTable.NOTE).append('\n');
  }

  private static void tokenAsks(StringBuilder md, List<Streaming> streaming) {
    List<Streaming> journeys = TokenAskTable.journeys(streaming);
    if (journeys.isEmpty()) {
      return;
    }
    md.append("\n#### ").append(TokenAskTable.TITLE).append("\n\n");
    Table table = new Table("lrrrrrrrrr", TokenAskTable.HEADERS);
    journeys.forEach(s -> table.row(TokenAskTable.cells(s)));
    table.appendTo(md);
    md.append('\n').append(TokenAskTable.NOTE).append('\n');
  }

  private static void fromDue(StringBuilder md, Summary.Generator generator) {
    if (FromDueTable.journeys(generator).isEmpty()) {
      return;
    }
    md.append("\n#### ").append(FromDueTable.TITLE).append("\n\n");
    Table table = new Table("lrrrrrrrrr", FromDueTable.HEADERS);
    FromDueTable.journeys(generator).forEach(f -> table.row(FromDueTable.cells(f)));
    table.appendTo(md);
    md.append('\n').append(FromDueTable.NOTE).append('\n');
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

  private static void audio(StringBuilder md, List<Audio> journeys) {
    Table table = new Table("lrrrrrrrr", "journey", "responses", "failed", "first audio byte p50",
        "first audio byte p95", "first audio byte p99", "ms per KiB p50", "ms per KiB p95", "audio bytes/s");
    for (Audio a : journeys) {
      table.row(Tables.audioCells(a));
    }
    table.appendTo(md);
    md.append("\nTimes in ms. Audio bytes/s: median per response after its first byte.\n");
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

  private static void phases(StringBuilder md, Phases phases) {
    List<String> lines = new ArrayList<>();
    if (phases.recovery() != null) {
      lines.add("**Spike recovery: " + verdictWord(phases.recovery().passed()) + ".** "
          + escape(recoverySentence(phases.recovery())));
    }
    if (phases.drift() != null) {
      lines.add("**Soak drift: " + verdictWord(phases.drift().passed()) + ".** "
          + escape(driftSentence(phases.drift())));
    }
    if (phases.breakingPoint() != null) {
      lines.add("**Breaking point.** " + escape(breakingPointSentence(phases.breakingPoint())));
    }
    if (phases.scaling() != null) {
      lines.add("**Scalability.** " + escape(Texts.scalingSentence(phases.scaling())));
    }
    if (!lines.isEmpty()) {
      md.append("\n### Phase analysis\n\n");
      lines.forEach(line -> md.append("- ").append(line).append('\n'));
    }
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
  private static final class Table {

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
