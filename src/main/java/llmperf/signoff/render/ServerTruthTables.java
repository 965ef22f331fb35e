package llmperf.signoff.render;

import static llmperf.signoff.analysis.Figures.decimal;
import static llmperf.signoff.render.Texts.count;
import static llmperf.signoff.render.Texts.esc;

import java.util.ArrayList;
import java.util.List;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.LatencyFigure;
import llmperf.signoff.analysis.Summary.RowStats;
import llmperf.signoff.analysis.Summary.Streaming;

/**
 * The truth any server gives, beside the reference server's record in "Against the server's record": the timings a
 * server streams with each reply (llama.cpp), and the latency histograms of its Prometheus endpoint (vLLM, SGLang,
 * TGI) differenced over the run, each figure with the bucket it fell in. The same rows for signoff.html and
 * summary.md.
 */
final class ServerTruthTables {

  static final String TIMINGS_NOTE = "Each OK reply against the timings the server sent in its last chunk"
      + " (llama.cpp's timings). prompt_ms is the server's prompt evaluation, roughly its time to the first token;"
      + " ms/token its predicted_per_token_ms. Client minus server is what the server did not count: waiting for a"
      + " slot, the network, the load generator. Near 0 for ITL means the client reads the server's pace.";
  static final String LATENCY_NOTE = "The server's own histograms, their buckets at the measured run's end minus"
      + " those at its start (every request the server served in that time, not only this run's), quantiles"
      + " interpolated within a bucket as Prometheus's histogram_quantile does: a server figure is only as precise as"
      + " its bucket, shown in brackets. Client rows are the report's, per journey.";

  private static final String[] TIMINGS_HEADERS = {"journey", "truth from", "server prompt_ms p50",
      "server prompt_ms p95", "TTFT minus prompt_ms p50", "TTFT minus prompt_ms p95", "server ms/token p50",
      "server ms/token p95", "ITL minus ms/token p50", "ITL minus ms/token p95"};
  private static final String[] LATENCY_HEADERS = {"figure", "measured by", "requests", "p50", "p95", "p99"};

  private ServerTruthTables() {}

  /** The section: the reference server's record when it kept one (or when no server gave any truth), then the rest. */
  static String html(Summary summary) {
    boolean reference = summary.streaming().stream().anyMatch(s -> s.truth() != null);
    String own = timingsHtml(summary.streaming()) + latencyHtml(summary);
    return (reference || own.isEmpty() ? Tables.truth(summary.streaming()) : "") + own;
  }

  /** Whether summary.md shows the reference server's table too (see {@link #html}). */
  static boolean showsReference(Summary summary) {
    return summary.streaming().stream().anyMatch(s -> s.truth() != null)
        || (timingRows(summary.streaming()).isEmpty() && summary.serverLatency() == null);
  }

  /** summary.md's part: the same tables in Markdown. */
  static void markdown(StringBuilder md, Summary summary) {
    List<String[]> timings = timingRows(summary.streaming());
    if (!timings.isEmpty()) {
      md.append("\n#### The server's timings\n\n");
      markdownTable(md, TIMINGS_HEADERS, timings);
      md.append("\nTimes in ms. ").append(TIMINGS_NOTE).append('\n');
    }
    Summary.ServerLatency latency = summary.serverLatency();
    if (latency != null) {
      md.append("\n#### The server's latency histograms\n\n").append(SignOffMarkdown.escape(source(latency)))
          .append("\n\n");
      if (latency.unavailable() == null) {
        markdownTable(md, LATENCY_HEADERS, latencyRows(summary));
        md.append("\nTimes in ms. ").append(LATENCY_NOTE).append('\n');
      }
    }
  }

  private static String timingsHtml(List<Streaming> journeys) {
    List<String[]> rows = timingRows(journeys);
    if (rows.isEmpty()) {
      return "";
    }
    return "<h3>The server's timings</h3>\n" + htmlTable(TIMINGS_HEADERS, rows)
        + "<p class=\"muted\">Times in ms. " + esc(TIMINGS_NOTE) + "</p>\n";
  }

  private static String latencyHtml(Summary summary) {
    Summary.ServerLatency latency = summary.serverLatency();
    if (latency == null) {
      return "";
    }
    String head = "<h3>The server's latency histograms</h3>\n<p>" + esc(source(latency)) + "</p>\n";
    if (latency.unavailable() != null) {
      return head;
    }
    return head + htmlTable(LATENCY_HEADERS, latencyRows(summary)) + "<p class=\"muted\">Times in ms. "
        + esc(LATENCY_NOTE) + "</p>\n";
  }

  private static String source(Summary.ServerLatency latency) {
    return latency.unavailable() != null ? "Server histograms at " + latency.source() + ": " + latency.unavailable()
        : "From " + latency.source() + ", differenced over the measured run.";
  }

  private static List<String[]> timingRows(List<Streaming> journeys) {
    List<String[]> rows = new ArrayList<>();
    for (Streaming s : journeys) {
      Summary.Timings t = s.serverTimings();
      if (t != null) {
        rows.add(new String[] {s.journey(), t.source(), decimal(t.serverPromptMs().p50()),
            decimal(t.serverPromptMs().p95()), decimal(t.ttftMinusPrompt().p50()), decimal(t.ttftMinusPrompt().p95()),
            decimal(t.serverPerTokenMs().p50()), decimal(t.serverPerTokenMs().p95()),
            decimal(t.itlMinusPerToken().p50()), decimal(t.itlMinusPerToken().p95())});
      }
    }
    return rows;
  }

  /** Per figure: the server's row, then each streaming journey's own. */
  private static List<String[]> latencyRows(Summary summary) {
    List<String[]> rows = new ArrayList<>();
    for (LatencyFigure figure : summary.serverLatency().figures()) {
      rows.add(new String[] {figure.figure(), "server: " + figure.metric(), count(figure.requests()),
          quantile(figure.p50()), quantile(figure.p95()), quantile(figure.p99())});
      for (Streaming s : summary.streaming()) {
        RowStats client = switch (figure.figure()) {
          case "ttft" -> s.ttft();
          case "itl" -> s.itl();
          default -> s.endToEnd();
        };
        rows.add(new String[] {figure.figure(), "client: " + s.journey(), count(client.ok()), count(client.p50()),
            count(client.p95()), count(client.p99())});
      }
    }
    return rows;
  }

  /** "87.5 (80-100)": the estimate and its bucket's bounds; "> 60000 (60000-+Inf)" above the highest bound. */
  static String quantile(Summary.Quantile q) {
    if (q == null) {
      return "-";
    }
    String bucket = " (" + decimal(q.bucketFromMs()) + "-" + (q.bucketToMs() == null ? "+Inf"
        : decimal(q.bucketToMs())) + ")";
    return (q.bucketToMs() == null ? "> " : "") + decimal(q.ms()) + bucket;
  }

  private static String htmlTable(String[] headers, List<String[]> rows) {
    StringBuilder html = new StringBuilder("<table><thead><tr>");
    for (int i = 0; i < headers.length; i++) {
      html.append(i < 2 ? "<th>" : "<th class=\"n\">").append(esc(headers[i])).append("</th>");
    }
    html.append("</tr></thead><tbody>\n");
    for (String[] row : rows) {
      html.append("<tr>");
      for (int i = 0; i < row.length; i++) {
        html.append(i < 2 ? "<td>" : "<td class=\"n\">").append(esc(row[i])).append("</td>");
      }
      html.append("</tr>\n");
    }
    return html.append("</tbody></table>\n").toString();
  }

  private static void markdownTable(StringBuilder md, String[] headers, List<String[]> rows) {
    md.append('|');
    for (String header : headers) {
      md.append(' ').append(SignOffMarkdown.escape(header)).append(" |");
    }
    md.append("\n|");
    for (int i = 0; i < headers.length; i++) {
      md.append(i < 2 ? " --- |" : " ---: |");
    }
    md.append('\n');
    for (String[] row : rows) {
      md.append('|');
      for (String cell : row) {
        md.append(' ').append(SignOffMarkdown.escape(cell)).append(" |");
      }
      md.append('\n');
    }
  }
}
