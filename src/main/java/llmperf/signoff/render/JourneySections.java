package llmperf.signoff.render;

import static llmperf.signoff.analysis.Figures.decimal;
import static llmperf.signoff.render.Texts.count;
import static llmperf.signoff.render.Texts.esc;
import static llmperf.signoff.render.Texts.verdictWord;

import java.util.ArrayList;
import java.util.List;
import llmperf.metrics.ScheduleTally.FromDue;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.Audio;
import llmperf.signoff.analysis.Summary.BudgetResult;
import llmperf.signoff.analysis.Summary.RowStats;
import llmperf.signoff.analysis.Summary.Streaming;
import llmperf.signoff.render.Tables.Table;

/**
 * One section per journey, after the verdict, the closest budgets and the phases: its budgets' tally, its streaming
 * figures (with its reasoning, asked-token and from-due rows when it has them), its voice figures and its report rows,
 * together. What the columns mean is said once per section, folded.
 */
final class JourneySections {

  static final String STREAMING_NOTE = "Inter-chunk: each reply's longest gap between token events (the report's"
      + " row, which the budget judges); chunk gaps: every gap of the OK replies. Goodput: replies that were OK and"
      + " whose own TTFT, ITL and end-to-end each met the journey's p95 budget, per second. Output tokens/s: median"
      + " per reply, and the system's: all OK replies' tokens per second of the run; tokens from the stream's usage,"
      + " or one per token event from a server that reports none (\"content events\"). The report's rows are whole"
      + " milliseconds; chunk gaps and tokens/s are kept to the microsecond.";
  static final String AUDIO_NOTE = "Audio bytes/s: median per response after its first byte; ms per KiB is its"
      + " inverse, so that its p95 is the pace of the slowest responses.";
  static final String STREAMING_TITLE = "Streaming";
  static final String AUDIO_TITLE = "Voice";
  static final String REQUESTS_TITLE = "Report rows";

  private JourneySections() {}

  static String html(Summary summary, Journeys journeys) {
    StringBuilder html = new StringBuilder();
    for (String journey : journeys.names()) {
      html.append("<section class=\"journey\"><h2>").append(esc("Journey: " + journey)).append("</h2>\n");
      List<BudgetResult> budgets = journeys.budgets(summary.budgets()).getOrDefault(journey, List.of());
      if (!budgets.isEmpty()) {
        boolean met = budgets.stream().allMatch(BudgetResult::passed);
        html.append("<p><span class=\"badge ").append(met ? "pass" : "fail").append("\">").append(verdictWord(met))
            .append("</span> ").append(esc(Texts.budgetTally(budgets))).append("</p>\n");
      }
      List<String> notes = new ArrayList<>();
      List<Streaming> streaming = streamingOf(summary, journey);
      if (!streaming.isEmpty()) {
        html.append("<h3>").append(STREAMING_TITLE).append("</h3>\n").append(streamingTable(streaming));
        notes.add(STREAMING_NOTE);
      }
      if (!TokenKindTable.journeys(streaming).isEmpty()) {
        html.append("<h3>").append(TokenKindTable.TITLE).append("</h3>\n")
            .append(TokenKindTable.table(TokenKindTable.journeys(streaming)));
        notes.add(TokenKindTable.NOTE);
      }
      if (!TokenAskTable.journeys(streaming).isEmpty()) {
        html.append("<h3>").append(TokenAskTable.TITLE).append("</h3>\n")
            .append(TokenAskTable.table(TokenAskTable.journeys(streaming)));
        notes.add(TokenAskTable.NOTE);
      }
      List<FromDue> fromDue = fromDueOf(summary, journey);
      if (!fromDue.isEmpty()) {
        html.append("<h3>").append(FromDueTable.TITLE).append("</h3>\n").append(FromDueTable.table(fromDue));
        notes.add(FromDueTable.NOTE);
      }
      List<Audio> audio = audioOf(summary, journey);
      if (!audio.isEmpty()) {
        html.append("<h3>").append(AUDIO_TITLE).append("</h3>\n").append(audioTable(audio));
        notes.add(AUDIO_NOTE);
      }
      html.append("<h3>").append(REQUESTS_TITLE).append("</h3>\n")
          .append(requestsTable(journeys.rows(summary.rows(), journey)));
      if (!notes.isEmpty()) {
        html.append("<details class=\"notes\"><summary>What these figures mean</summary>");
        notes.forEach(note -> html.append("<p class=\"muted\">").append(esc(note)).append("</p>"));
        html.append("</details>\n");
      }
      html.append("</section>\n");
    }
    return html.toString();
  }

  /** summary.md's part: per journey its tally and figure tables (no report rows: those stay in signoff.html). */
  static void markdown(StringBuilder md, Summary summary, Journeys journeys) {
    List<String> notes = new ArrayList<>();
    for (String journey : journeys.names()) {
      md.append("\n#### ").append(SignOffMarkdown.escape(journey)).append('\n');
      List<BudgetResult> budgets = journeys.budgets(summary.budgets()).getOrDefault(journey, List.of());
      if (!budgets.isEmpty()) {
        md.append('\n').append(budgets.stream().allMatch(BudgetResult::passed) ? "✅ " : "❌ ")
            .append(Texts.budgetTally(budgets)).append('\n');
      }
      List<Streaming> streaming = streamingOf(summary, journey);
      if (!streaming.isEmpty()) {
        SignOffMarkdown.Table table = new SignOffMarkdown.Table("lrrrrrrrrrrrrrrrrrlr", "journey", "replies",
            "failed", "TTFT p50", "TTFT p95", "TTFT p99", "inter-chunk p95", "inter-chunk max", "chunk gaps p50",
            "chunk gaps p95", "chunk gaps p99", "ITL p50", "ITL p95", "end-to-end p50", "end-to-end p95",
            "end-to-end p99", "output tokens/s per reply", "system output tokens/s", "tokens from", "goodput/s");
        streaming.forEach(s -> table.row(streamingCells(s)));
        append(md, STREAMING_TITLE, table, notes, "Times in ms. " + STREAMING_NOTE);
      }
      if (!TokenKindTable.journeys(streaming).isEmpty()) {
        SignOffMarkdown.Table table = new SignOffMarkdown.Table("lrrrrrrrrr", TokenKindTable.HEADERS);
        TokenKindTable.journeys(streaming).forEach(s -> table.row(TokenKindTable.cells(s)));
        append(md, TokenKindTable.TITLE, table, notes, TokenKindTable.NOTE);
      }
      if (!TokenAskTable.journeys(streaming).isEmpty()) {
        SignOffMarkdown.Table table = new SignOffMarkdown.Table(TokenAskTable.ALIGN, TokenAskTable.HEADERS);
        TokenAskTable.journeys(streaming).forEach(s -> table.row(TokenAskTable.cells(s)));
        append(md, TokenAskTable.TITLE, table, notes, TokenAskTable.NOTE);
      }
      List<FromDue> fromDue = fromDueOf(summary, journey);
      if (!fromDue.isEmpty()) {
        SignOffMarkdown.Table table = new SignOffMarkdown.Table("lrrrrrrrrr", FromDueTable.HEADERS);
        fromDue.forEach(f -> table.row(FromDueTable.cells(f)));
        append(md, FromDueTable.TITLE, table, notes, FromDueTable.NOTE);
      }
      List<Audio> audio = audioOf(summary, journey);
      if (!audio.isEmpty()) {
        SignOffMarkdown.Table table = new SignOffMarkdown.Table("lrrrrrrrr", "journey", "responses", "failed",
            "first audio byte p50", "first audio byte p95", "first audio byte p99", "ms per KiB p50",
            "ms per KiB p95", "audio bytes/s");
        audio.forEach(a -> table.row(audioCells(a)));
        append(md, AUDIO_TITLE, table, notes, "Times in ms. " + AUDIO_NOTE);
      }
    }
    if (!notes.isEmpty()) {
      md.append('\n').append(String.join("\n\n", notes)).append('\n');
    }
  }

  /** A table under its bold title; its note is written once, after every journey. */
  private static void append(StringBuilder md, String title, SignOffMarkdown.Table table, List<String> notes,
      String note) {
    md.append("\n**").append(title).append("**\n\n");
    table.appendTo(md);
    if (!notes.contains(note)) {
      notes.add(note);
    }
  }

  private static List<Streaming> streamingOf(Summary summary, String journey) {
    return summary.streaming().stream().filter(s -> s.journey().equals(journey)).toList();
  }

  private static List<Audio> audioOf(Summary summary, String journey) {
    return summary.audio().stream().filter(a -> a.journey().equals(journey)).toList();
  }

  private static List<FromDue> fromDueOf(Summary summary, String journey) {
    return FromDueTable.journeys(summary.generator()).stream().filter(f -> f.journey().equals(journey)).toList();
  }

  static String streamingTable(List<Streaming> journeys) {
    Table table = new Table().text("journey").num("replies").num("failed")
        .group("TTFT (ms)", "p50", "p95", "p99")
        .group("inter-chunk (ms)", "p95", "max")
        .group("chunk gaps (ms)", "p50", "p95", "p99")
        .group("ITL (ms)", "p50", "p95")
        .group("end-to-end (ms)", "p50", "p95", "p99")
        .group("output tokens/s", "per reply", "system")
        .text("tokens from")
        .num("goodput/s");
    journeys.forEach(s -> table.row(false, streamingCells(s)));
    return table.html();
  }

  /** One streaming journey's cells, in the column order of the page's table and of summary.md's. */
  static String[] streamingCells(Streaming s) {
    return new String[] {s.journey(), count(s.replies()), count(s.failedReplies()),
        count(s.ttft().p50()), count(s.ttft().p95()), count(s.ttft().p99()),
        count(s.interChunk().p95()), count(s.interChunk().max()),
        decimal(s.chunkGaps().p50()), decimal(s.chunkGaps().p95()), decimal(s.chunkGaps().p99()),
        count(s.itl().p50()), count(s.itl().p95()),
        count(s.endToEnd().p50()), count(s.endToEnd().p95()), count(s.endToEnd().p99()),
        decimal(s.outputTokensPerSecond()), decimal(s.systemOutputTokensPerSecond()), s.tokenSource(),
        decimal(s.goodputPerSecond())};
  }

  static String audioTable(List<Audio> journeys) {
    Table table = new Table().text("journey").num("responses").num("failed")
        .group("first audio byte (ms)", "p50", "p95", "p99")
        .group("ms per KiB", "p50", "p95")
        .num("audio bytes/s");
    journeys.forEach(a -> table.row(false, audioCells(a)));
    return table.html();
  }

  /** One voice journey's cells, in the column order of the page's table and of summary.md's. */
  static String[] audioCells(Audio a) {
    return new String[] {a.journey(), count(a.responses()), count(a.failedResponses()),
        count(a.firstAudioByte().p50()), count(a.firstAudioByte().p95()), count(a.firstAudioByte().p99()),
        count(a.msPerKib().p50()), count(a.msPerKib().p95()), count(Math.round(a.bytesPerSecond()))};
  }

  static String requestsTable(List<RowStats> rows) {
    Table table = new Table().text("request").num("count").num("OK").num("KO").num("error %")
        .group("response time (ms)", "min", "mean", "p50", "p75", "p95", "p99", "max")
        .num("per second");
    for (RowStats row : rows) {
      table.row(false, row.name(), count(row.count()), count(row.ok()), count(row.ko()),
          decimal(row.errorPercent()), count(row.min()), count(row.mean()), count(row.p50()), count(row.p75()),
          count(row.p95()), count(row.p99()), count(row.max()), decimal(row.perSecond()));
    }
    return table.html();
  }
}
