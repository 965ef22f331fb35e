package llmperf.signoff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import llmperf.signoff.Summary.BudgetResult;
import llmperf.signoff.Summary.Comparison;
import llmperf.signoff.Summary.Phases;
import llmperf.signoff.Summary.Phases.BreakingPoint;
import llmperf.signoff.Summary.Phases.Drift;
import llmperf.signoff.Summary.Phases.Recovery;
import llmperf.signoff.Summary.RowStats;
import llmperf.signoff.Summary.Audio;
import llmperf.signoff.Summary.Streaming;
import llmperf.signoff.Summary.Window;

/**
 * Renders a {@link Summary} as signoff.html: one self-contained page (inline CSS, SVG charts drawn here, no
 * script, no external resource) that a release reviewer opens from a CI artifact with no network, and can print.
 * Every string from the data is escaped; the markup is also well-formed XML, which the tests rely on to read it.
 *
 * <p>The formatting helpers are package-private so that {@link SignOffMarkdown} writes the same figures the same
 * way.
 */
public final class SignOffPage {

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final String CSS = """
      :root{--pass:#1a7f37;--fail:#c62828;--muted:#5f6b7a;--line:#d8dee4}
      *{box-sizing:border-box}
      body{margin:0 auto;max-width:1400px;padding:20px 24px;color:#1f2328;
      font:13px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
      h1{margin:0 0 4px;font-size:22px}
      h2{font-size:16px;margin:26px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
      h3{font-size:14px;margin:14px 0 4px}
      p{margin:4px 0}
      .banner{display:flex;gap:24px;align-items:flex-start;padding:16px 20px;border-radius:6px;color:#fff}
      .banner.pass{background:var(--pass)}
      .banner.fail{background:var(--fail)}
      .banner .verdict{font-size:36px;font-weight:700;letter-spacing:1px;line-height:1.1}
      .banner .scale{font-weight:400;opacity:.9}
      .banner dl{display:flex;flex-wrap:wrap;gap:6px 24px;margin:8px 0 0}
      .banner dt{font-size:11px;opacity:.85}
      .banner dd{margin:0;font-weight:600}
      .banner a{color:#fff}
      .banner ul{margin:10px 0 0;padding-left:18px}
      table{border-collapse:collapse;font-variant-numeric:tabular-nums;margin:4px 0}
      th,td{padding:3px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:bottom}
      th{background:#f3f5f7;font-size:12px;font-weight:600}
      th.group{text-align:center;border-bottom:1px solid #b8c0c8}
      .n{text-align:right}
      tr.failed td{background:#fdecea}
      .badge{display:inline-block;padding:0 6px;border-radius:3px;font-size:11px;font-weight:700;color:#fff}
      .badge.pass{background:var(--pass)}
      .badge.fail{background:var(--fail)}
      .badge.neutral{background:var(--muted)}
      .muted{color:var(--muted)}
      .phase dl{display:grid;grid-template-columns:max-content auto;gap:2px 16px;margin:6px 0}
      .phase dt{color:var(--muted)}
      .phase dd{margin:0}
      .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:16px 28px}
      figure{margin:0}
      figcaption{font-weight:600}
      figcaption span{font-weight:400;color:var(--muted)}
      svg{width:100%;height:auto}
      svg text{font-size:11px;fill:#444}
      svg .grid{stroke:#e8ebee}
      svg .axis{stroke:#8c959f}
      svg polyline,svg .swatch{fill:none;stroke-width:2;stroke-linejoin:round}
      .s-p50{stroke:#2f6fb0}
      .s-p95{stroke:#e07b00}
      .s-rate{stroke:#2f6fb0}
      .s-errors{stroke:#c62828}
      svg .dot{fill:#fff;stroke-width:2}
      svg .over{fill:#fbe1e1}
      svg .guide{stroke:#6a1b9a;stroke-width:1.5;stroke-dasharray:6 4}
      svg text.label{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
      svg text.guide-label{fill:#6a1b9a}
      svg .marker{stroke:#555;stroke-dasharray:2 3}
      svg .box{fill:#cfe0f3;stroke:#2f6fb0}
      svg .whisker{stroke:#2f6fb0;stroke-width:1.5}
      svg .max{fill:#2f6fb0}
      svg .budget{stroke:#c62828;stroke-width:2;stroke-dasharray:3 2}
      footer{margin-top:24px}
      @media print{
      body{max-width:none;padding:0;font-size:10px}
      .banner,.badge,tr.failed td,svg .over{-webkit-print-color-adjust:exact;print-color-adjust:exact}
      section,figure,.phase{break-inside:avoid}
      h2{break-after:avoid}
      .charts{grid-template-columns:1fr 1fr}
      }
      """;

  private SignOffPage() {}

  public static String render(Summary summary) {
    Summary.Run run = summary.run();
    String title = verdictWord(summary.passed()) + ": " + run.simulation() + " (" + run.scale() + ")";
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>" + esc(title)
        + "</title>\n<style>\n" + CSS + "</style></head>\n<body>\n"
        + banner(summary)
        + section("Budgets", budgets(summary.budgets()))
        + section("Streaming", streaming(summary.streaming()))
        + (summary.audio().isEmpty() ? "" : section("Voice", audio(summary.audio())))
        + charts(summary)
        + section("Baseline comparison", baseline(summary.baseline()))
        + phases(summary.phases())
        + section("Requests", requests(summary.rows()))
        + "<footer class=\"muted\">Every request in detail: " + reportLink(run.gatlingReport()) + "</footer>\n"
        + "</body></html>\n";
  }

  private static String section(String title, String body) {
    return "<section><h2>" + esc(title) + "</h2>\n" + body + "</section>\n";
  }

  // ---- verdict

  private static String banner(Summary summary) {
    Summary.Run run = summary.run();
    StringBuilder html = new StringBuilder("<header class=\"banner ")
        .append(summary.passed() ? "pass" : "fail").append("\"><div class=\"verdict\">")
        .append(verdictWord(summary.passed())).append("</div><div>")
        .append("<h1>").append(esc(run.simulation())).append(" <span class=\"scale\">")
        .append(esc(run.scale())).append(" scale</span></h1>")
        .append("<p>").append(esc(budgetTally(summary.budgets()))).append("</p><dl>");
    fact(html, "target", esc(run.target()));
    fact(html, "git commit", esc(run.gitCommit()));
    fact(html, "start", esc(utc(run.startEpochMs())));
    fact(html, "end", esc(utc(run.endEpochMs())));
    fact(html, "duration", esc(duration(run.durationMs())));
    fact(html, "Gatling report", reportLink(run.gatlingReport()));
    html.append("</dl>");
    if (!summary.passed() && !summary.reasons().isEmpty()) {
      html.append("<ul class=\"reasons\">");
      summary.reasons().forEach(reason -> html.append("<li>").append(esc(reason)).append("</li>"));
      html.append("</ul>");
    }
    return html.append("</div></header>\n").toString();
  }

  private static void fact(StringBuilder html, String name, String valueHtml) {
    html.append("<div><dt>").append(esc(name)).append("</dt><dd>").append(valueHtml).append("</dd></div>");
  }

  /** A link only when the reference is relative: the page must not send its reader onto the network. */
  private static String reportLink(String reference) {
    boolean relative = !reference.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !reference.startsWith("//");
    return relative ? "<a href=\"" + esc(reference) + "\">" + esc(reference) + "</a>" : esc(reference);
  }

  // ---- tables

  private static String budgets(List<BudgetResult> budgets) {
    Table table = new Table().text("budget").text("path").text("statistic").num("limit").num("actual")
        .flag("result");
    for (BudgetResult budget : budgets) {
      table.row(!budget.passed(), budget.key(), budget.path(), budget.statistic(),
          quantity(budget.limit(), budget.unit()), actual(budget), verdictWord(budget.passed()));
    }
    return table.html();
  }

  private static String streaming(List<Streaming> journeys) {
    Table table = new Table().text("journey").num("replies").num("failed")
        .group("TTFT (ms)", "p50", "p95", "p99")
        .group("inter-chunk (ms)", "p95", "max")
        .group("chunk gaps (ms)", "p50", "p95", "p99")
        .group("ITL (ms)", "p50", "p95")
        .group("end-to-end (ms)", "p50", "p95", "p99")
        .group("output tokens/s", "per reply", "system")
        .num("goodput/s");
    for (Streaming s : journeys) {
      table.row(false, streamingCells(s));
    }
    if (journeys.isEmpty()) {
      return table.html();
    }
    return table.html()
        + "<p class=\"muted\">Inter-chunk: each reply's longest gap between content events (the report's row, which"
        + " the budget judges); chunk gaps: every gap of the OK replies."
        + " Goodput: replies that were OK and met their journey's TTFT and end-to-end budgets, per"
        + " second. Output tokens/s: median per reply, and the system's: all OK replies' tokens per second of the"
        + " run. Timings have millisecond resolution.</p>\n";
  }

  /** One streaming journey's cells, in the column order of this page's table and of summary.md's. */
  static String[] streamingCells(Streaming s) {
    return new String[] {s.journey(), count(s.replies()), count(s.failedReplies()),
        count(s.ttft().p50()), count(s.ttft().p95()), count(s.ttft().p99()),
        count(s.interChunk().p95()), count(s.interChunk().max()),
        count(s.chunkGaps().p50()), count(s.chunkGaps().p95()), count(s.chunkGaps().p99()),
        count(s.itl().p50()), count(s.itl().p95()),
        count(s.endToEnd().p50()), count(s.endToEnd().p95()), count(s.endToEnd().p99()),
        decimal(s.outputTokensPerSecond()), decimal(s.systemOutputTokensPerSecond()),
        decimal(s.goodputPerSecond())};
  }

  /** One voice journey's cells, in the column order of this page's table and of summary.md's. */
  static String[] audioCells(Audio a) {
    return new String[] {a.journey(), count(a.responses()), count(a.failedResponses()),
        count(a.firstAudioByte().p50()), count(a.firstAudioByte().p95()), count(a.firstAudioByte().p99()),
        count(a.msPerKib().p50()), count(a.msPerKib().p95()), count(Math.round(a.bytesPerSecond()))};
  }

  private static String audio(List<Audio> journeys) {
    Table table = new Table().text("journey").num("responses").num("failed")
        .group("first audio byte (ms)", "p50", "p95", "p99")
        .group("ms per KiB", "p50", "p95")
        .num("audio bytes/s");
    for (Audio a : journeys) {
      table.row(false, audioCells(a));
    }
    return table.html()
        + "<p class=\"muted\">Audio bytes/s: median per response after its first byte; ms per KiB is its inverse,"
        + " so that its p95 is the pace of the slowest responses.</p>\n";
  }

  private static String baseline(Comparison comparison) {
    boolean regressed = comparison.deltas().stream().anyMatch(Comparison.Delta::regression);
    String badge = regressed ? "fail" : comparison.deltas().isEmpty() ? "neutral" : "pass";
    StringBuilder html = new StringBuilder("<p><span class=\"badge ").append(badge).append("\">")
        .append(esc(comparison.status())).append("</span> ").append(esc(comparison.note())).append("</p>");
    if (comparison.baselineFile() != null) {
      html.append("<p class=\"muted\">Baseline: ").append(esc(comparison.baselineFile())).append("</p>");
    }
    Table table = new Table().text("path").num("baseline p95 (ms)").num("current p95 (ms)").num("change")
        .num("threshold").flag("result");
    for (Comparison.Delta delta : comparison.deltas()) {
      table.row(delta.regression(), delta.path(), count(delta.baselineP95()), count(delta.currentP95()),
          signedPercent(delta.changePercent()), "+" + decimal(delta.thresholdPercent()) + " %",
          delta.regression() ? "REGRESSION" : "ok");
    }
    return html + (comparison.deltas().isEmpty() ? "" : table.html()) + "\n";
  }

  private static String requests(List<RowStats> rows) {
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

  // ---- phases

  private static String phases(Phases phases) {
    StringBuilder html = new StringBuilder();
    if (phases.recovery() != null) {
      html.append(recovery(phases.recovery()));
    }
    if (phases.drift() != null) {
      html.append(drift(phases.drift()));
    }
    if (phases.breakingPoint() != null) {
      html.append(breakingPoint(phases.breakingPoint()));
    }
    return html.isEmpty() ? "" : section("Phase analysis", html.toString());
  }

  private static String recovery(Recovery recovery) {
    StringBuilder html = phaseHeading("Spike recovery", verdictWord(recovery.passed()), recovery.passed())
        .append("<p>").append(esc(recoverySentence(recovery))).append("</p><dl>");
    term(html, "peak ended", duration(recovery.peakEndOffsetMs()) + " after the start");
    term(html, "time to recover", recovery.recoveryMs() == null ? "never" : duration(recovery.recoveryMs()));
    term(html, "allowed", duration(recovery.budgetMs()));
    return html.append("</dl></div>\n").toString();
  }

  private static String drift(Drift drift) {
    StringBuilder html = phaseHeading("Soak drift", verdictWord(drift.passed()), drift.passed())
        .append("<p>").append(esc(driftSentence(drift))).append("</p>");
    Table windows = new Table().text("window").num("from (s)").num("to (s)").num("requests").num("error %")
        .num("p50 (ms)").num("p95 (ms)");
    windows.row(false, windowRow("first", drift.first()));
    windows.row(false, windowRow("last", drift.last()));
    return html.append(windows.html()).append("</div>\n").toString();
  }

  private static String[] windowRow(String name, Window window) {
    return new String[] {name, decimal(window.startOffsetMs() / 1000.0), decimal(window.endOffsetMs() / 1000.0),
        count(window.count()), decimal(window.errorPercent()), count(window.p50()), count(window.p95())};
  }

  private static String breakingPoint(BreakingPoint point) {
    StringBuilder html = phaseHeading("Breaking point", point.graceful() ? "graceful" : "not graceful",
        point.graceful()).append("<p>").append(esc(breakingPointSentence(point))).append("</p><dl>");
    term(html, "last good stair", point.lastGoodStair() == null ? "none" : point.lastGoodStair());
    term(html, "sustainable rate",
        point.sustainableRatePerSec() == null ? "none" : decimal(point.sustainableRatePerSec()) + " /s");
    term(html, "broke by", point.brokeBy());
    term(html, "graceful", point.graceful() ? "yes: fast 429/503 rejections" : "no: timeouts or dropped connections");
    html.append("</dl>");
    Table stairs = new Table().text("stair").num("rate (/s)").num("requests").num("error %").num("p95 (ms)")
        .text("failed budgets").flag("result");
    for (BreakingPoint.Stair stair : point.stairs()) {
      boolean met = stair.failedBudgets().isEmpty();
      stairs.row(!met, stair.group(), decimal(stair.ratePerSec()), count(stair.count()),
          decimal(stair.errorPercent()), count(stair.p95()), String.join(", ", stair.failedBudgets()),
          verdictWord(met));
    }
    return html.append(stairs.html()).append("</div>\n").toString();
  }

  private static StringBuilder phaseHeading(String title, String badge, boolean good) {
    return new StringBuilder("<div class=\"phase\"><h3>").append(esc(title)).append(" <span class=\"badge ")
        .append(good ? "pass" : "fail").append("\">").append(esc(badge)).append("</span></h3>");
  }

  private static void term(StringBuilder html, String name, String value) {
    html.append("<dt>").append(esc(name)).append("</dt><dd>").append(esc(value)).append("</dd>");
  }

  // ---- charts

  private static String charts(Summary summary) {
    List<Window> windows = summary.windows();
    StringBuilder html = new StringBuilder();
    // One window (a smoke run) is a single point in time: the tables already say all it could.
    if (windows.size() >= 2) {
      List<Marker> markers = recoveryMarkers(summary.phases());
      html.append(figure("Latency per window", "p50 and p95 of the requests that ended in each window",
          TimeChart.draw(windows, List.of(
                  new Series("p50", "s-p50", windows.stream().mapToDouble(Window::p50).toArray()),
                  new Series("p95", "s-p95", windows.stream().mapToDouble(Window::p95).toArray())),
              latencyGuide(summary.budgets()), markers, "ms")));
      html.append(figure("Throughput", "requests that ended per second",
          TimeChart.draw(windows, List.of(new Series("requests/s", "s-rate",
              windows.stream().mapToDouble(SignOffPage::perSecond).toArray())), null, markers, "/s")));
      html.append(figure("Errors", "failed requests, % of each window",
          TimeChart.draw(windows, List.of(new Series("error %", "s-errors",
              windows.stream().mapToDouble(Window::errorPercent).toArray())), errorGuide(summary.budgets()),
              markers, "%")));
    }
    if (!summary.streaming().isEmpty()) {
      html.append(figure("TTFT by journey", "box p50 to p95, tick p75, bar p99, dot max; red: the TTFT p95 budget",
          TtftChart.draw(summary.streaming(), summary.budgets())));
    }
    if (html.isEmpty()) {
      return "";
    }
    String note = windows.size() < 2 ? ""
        : "<p class=\"muted\">Shaded: windows that missed a budget. Time is seconds from the start of the run.</p>\n";
    return section("Charts", "<div class=\"charts\">" + html + "</div>" + note);
  }

  private static String figure(String title, String subtitle, String svg) {
    return "<figure><figcaption>" + esc(title) + " <span>" + esc(subtitle) + "</span></figcaption>" + svg
        + "</figure>\n";
  }

  private static double perSecond(Window window) {
    long widthMs = window.endOffsetMs() - window.startOffsetMs();
    return widthMs <= 0 ? 0 : window.count() * 1000.0 / widthMs;
  }

  /**
   * The tightest p95 latency budget, drawn over the windows' p95 as a reference. Windows mix every request, so
   * this is a yardstick, not the judgement (that is the shading). Inter-chunk and ITL budgets limit gaps between
   * tokens, not a request's duration, so they would make a misleading line.
   */
  private static Guide latencyGuide(List<BudgetResult> budgets) {
    return budgets.stream()
        .filter(b -> b.statistic().equals("p95") && "ms".equals(b.unit()))
        .filter(b -> !b.path().endsWith("inter-chunk") && !b.path().endsWith("itl"))
        .min(Comparator.comparingDouble(BudgetResult::limit))
        .map(b -> new Guide(b.limit(), "tightest p95 budget: " + b.key() + " " + quantity(b.limit(), b.unit())))
        .orElse(null);
  }

  private static Guide errorGuide(List<BudgetResult> budgets) {
    return budgets.stream()
        .filter(b -> b.statistic().equals("error-rate-percent"))
        .min(Comparator.comparingDouble(BudgetResult::limit))
        .map(b -> new Guide(b.limit(), b.key() + " " + quantity(b.limit(), b.unit())))
        .orElse(null);
  }

  private static List<Marker> recoveryMarkers(Phases phases) {
    if (phases.recovery() == null) {
      return List.of();
    }
    Recovery recovery = phases.recovery();
    List<Marker> markers = new ArrayList<>();
    markers.add(new Marker(recovery.peakEndOffsetMs(), "peak end"));
    markers.add(new Marker(recovery.peakEndOffsetMs() + recovery.budgetMs(), "recovery deadline"));
    if (recovery.recoveryMs() != null) {
      markers.add(new Marker(recovery.peakEndOffsetMs() + recovery.recoveryMs(), "recovered"));
    }
    markers.sort(Comparator.comparingLong(Marker::offsetMs));
    return markers;
  }

  /** One line of a time chart: a value per window. */
  private record Series(String name, String cssClass, double[] values) {}

  /** A horizontal reference line (a budget). */
  private record Guide(double value, String label) {}

  /** A vertical line at an offset from the start (a phase boundary). */
  private record Marker(long offsetMs, String label) {}

  /** An axis from 0 to a round maximum, with round steps (1, 2 or 5 times a power of ten). */
  private record Axis(double step, double max) {

    static Axis upTo(double dataMax) {
      // At least 1: a run with no errors still gets a readable 0..1 % axis rather than a degenerate one.
      double top = Math.max(dataMax, 1);
      double raw = top / 5;
      double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
      double normalized = raw / magnitude;
      double step = (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10) * magnitude;
      return new Axis(step, step * Math.ceil(top / step));
    }

    List<Double> ticks() {
      List<Double> ticks = new ArrayList<>();
      for (int i = 0; i * step <= max + step / 1000; i++) {
        ticks.add(i * step);
      }
      return ticks;
    }
  }

  /** The plot area inside an SVG canvas, mapping data to pixels (y grows downwards in SVG). */
  private record Frame(int width, int height, int left, int top, int right, int bottom, Axis x, Axis y) {

    double px(double value) {
      return left + value / x.max() * (width - left - right);
    }

    double py(double value) {
      return height - bottom - value / y.max() * (height - top - bottom);
    }

    double plotBottom() {
      return height - bottom;
    }

    double plotRight() {
      return width - right;
    }
  }

  /** Lines of per-window values over the run's time, on a shared x axis in seconds from the start. */
  private static final class TimeChart {

    static String draw(List<Window> windows, List<Series> series, Guide guide, List<Marker> markers, String unit) {
      double end = windows.get(windows.size() - 1).endOffsetMs() / 1000.0;
      double top = series.stream().flatMapToDouble(s -> Arrays.stream(s.values())).max().orElse(0);
      if (guide != null) {
        top = Math.max(top, guide.value());
      }
      Frame frame = new Frame(640, 260, 56, 30, 16, 40, Axis.upTo(end), Axis.upTo(top * 1.08));
      Svg svg = new Svg(frame.width(), frame.height());
      shadeWindowsOverBudget(svg, frame, windows);
      svg.axes(frame, unit, "s from start");
      for (int i = 0; i < markers.size(); i++) {
        Marker marker = markers.get(i);
        double x = frame.px(marker.offsetMs() / 1000.0);
        svg.line(x, frame.top(), x, frame.plotBottom(), "marker");
        // Labels stack downwards so close markers stay legible; near the right edge they extend leftwards.
        boolean nearRightEdge = x > frame.left() + 0.8 * (frame.plotRight() - frame.left());
        svg.text(nearRightEdge ? x - 3 : x + 3, frame.top() + 11 + 12 * i, nearRightEdge ? "end" : "start",
            "label", marker.label());
      }
      if (guide != null) {
        double y = frame.py(guide.value());
        svg.line(frame.left(), y, frame.plotRight(), y, "guide");
        svg.text(frame.plotRight() - 4, y - 4, "end", "label guide-label", guide.label());
      }
      for (Series s : series) {
        lines(windows, s).forEach(points -> svg.polyline(frame, points, s.cssClass()));
      }
      legend(svg, frame, series, windows.stream().anyMatch(w -> !w.withinBudget()));
      return svg.close();
    }

    private static void shadeWindowsOverBudget(Svg svg, Frame frame, List<Window> windows) {
      for (Window window : windows) {
        if (!window.withinBudget()) {
          double from = frame.px(window.startOffsetMs() / 1000.0);
          double to = frame.px(window.endOffsetMs() / 1000.0);
          svg.rect(from, frame.top(), to - from, frame.plotBottom() - frame.top(), "over");
        }
      }
    }

    /** Points at each window's middle; a window with no request breaks the line instead of dropping to 0. */
    private static List<List<double[]>> lines(List<Window> windows, Series series) {
      List<List<double[]>> lines = new ArrayList<>();
      List<double[]> current = new ArrayList<>();
      for (int i = 0; i < windows.size(); i++) {
        Window window = windows.get(i);
        if (window.count() == 0) {
          if (!current.isEmpty()) {
            lines.add(current);
          }
          current = new ArrayList<>();
          continue;
        }
        double middle = (window.startOffsetMs() + window.endOffsetMs()) / 2000.0;
        current.add(new double[] {middle, series.values()[i]});
      }
      if (!current.isEmpty()) {
        lines.add(current);
      }
      return lines;
    }

    private static void legend(Svg svg, Frame frame, List<Series> series, boolean shaded) {
      double x = frame.left();
      double y = 14;
      for (Series s : series) {
        svg.line(x, y - 4, x + 18, y - 4, "swatch " + s.cssClass());
        svg.text(x + 22, y, "start", null, s.name());
        x += 36 + 6.5 * s.name().length();
      }
      if (shaded) {
        svg.rect(x, y - 10, 14, 10, "over key");
        svg.text(x + 18, y, "start", null, "missed a budget");
      }
    }
  }

  /** TTFT percentiles of each journey as a horizontal box, against the journey's TTFT p95 budget. */
  private static final class TtftChart {

    private static final int BAND = 46;

    static String draw(List<Streaming> journeys, List<BudgetResult> budgets) {
      double top = 0;
      for (Streaming s : journeys) {
        top = Math.max(top, s.ttft().max());
        top = Math.max(top, ttftBudget(s, budgets).orElse(0.0));
      }
      // Labels sit left of the plot: wide enough for the longest ("after the spike / chat-sse").
      int labelWidth = Math.max(110, 16 + 7 * journeys.stream().mapToInt(s -> s.journey().length()).max().orElse(0));
      // The y axis counts bands (one per journey); only the x axis carries values.
      Frame frame = new Frame(530 + labelWidth, 20 + BAND * journeys.size() + 40, labelWidth, 20, 16, 40,
          Axis.upTo(top * 1.05), new Axis(1, journeys.size()));
      Svg svg = new Svg(frame.width(), frame.height());
      svg.axes(frame, null, "ms");
      for (int i = 0; i < journeys.size(); i++) {
        band(svg, frame, frame.top() + BAND * i, journeys.get(i), ttftBudget(journeys.get(i), budgets));
      }
      return svg.close();
    }

    private static void band(Svg svg, Frame frame, double y, Streaming journey, Optional<Double> budget) {
      RowStats ttft = journey.ttft();
      double middle = y + 14;
      svg.text(frame.left() - 8, middle + 4, "end", null, journey.journey());
      svg.line(frame.px(ttft.p95()), middle, frame.px(ttft.max()), middle, "whisker");
      svg.rect(frame.px(ttft.p50()), middle - 8, frame.px(ttft.p95()) - frame.px(ttft.p50()), 16, "box");
      svg.line(frame.px(ttft.p75()), middle - 8, frame.px(ttft.p75()), middle + 8, "whisker");
      svg.line(frame.px(ttft.p99()), middle - 6, frame.px(ttft.p99()), middle + 6, "whisker");
      svg.circle(frame.px(ttft.max()), middle, 3, "max");
      budget.ifPresent(limit -> svg.line(frame.px(limit), middle - 12, frame.px(limit), middle + 12, "budget"));
      svg.text(frame.left() + 4, middle + 24, "start", null,
          "p50 " + ttft.p50() + " · p75 " + ttft.p75() + " · p95 " + ttft.p95() + " · p99 " + ttft.p99()
              + " · max " + ttft.max() + " ms" + budget.map(b -> " · budget p95 " + decimal(b) + " ms").orElse(""));
    }

    /** Budgets name rows by path, possibly inside a group ("after the spike / chat-sse / ttft"). */
    private static Optional<Double> ttftBudget(Streaming journey, List<BudgetResult> budgets) {
      String row = journey.ttft().name();
      return budgets.stream()
          .filter(b -> b.statistic().equals("p95") && (b.path().equals(row) || b.path().endsWith(" / " + row)))
          .map(BudgetResult::limit)
          .min(Double::compare);
    }
  }

  /** Just enough SVG: every coordinate rounded to 0.1 px, every text escaped. */
  private static final class Svg {

    private final StringBuilder out = new StringBuilder();

    Svg(int width, int height) {
      out.append("<svg viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" role=\"img\">");
    }

    /** Grid lines and tick labels; the y axis gets labels only when it has a unit (the TTFT chart's has none). */
    void axes(Frame frame, String yUnit, String xTitle) {
      if (yUnit != null) {
        for (double tick : frame.y().ticks()) {
          double y = frame.py(tick);
          line(frame.left(), y, frame.plotRight(), y, "grid");
          text(frame.left() - 6, y + 4, "end", null, decimal(tick));
        }
        text(frame.left() - 6, frame.top() - 8, "end", null, yUnit);
      }
      for (double tick : frame.x().ticks()) {
        double x = frame.px(tick);
        line(x, frame.top(), x, frame.plotBottom(), "grid");
        text(x, frame.plotBottom() + 15, "middle", null, decimal(tick));
      }
      line(frame.left(), frame.plotBottom(), frame.plotRight(), frame.plotBottom(), "axis");
      line(frame.left(), frame.top(), frame.left(), frame.plotBottom(), "axis");
      text((frame.left() + frame.plotRight()) / 2.0, frame.height() - 6, "middle", null, xTitle);
    }

    void line(double x1, double y1, double x2, double y2, String cssClass) {
      out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
          .append("\" y2=\"").append(n(y2)).append("\" class=\"").append(cssClass).append("\"/>");
    }

    void rect(double x, double y, double width, double height, String cssClass) {
      out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"")
          .append(n(Math.max(width, 1))).append("\" height=\"").append(n(height)).append("\" class=\"")
          .append(cssClass).append("\"/>");
    }

    void circle(double x, double y, double r, String cssClass) {
      out.append("<circle cx=\"").append(n(x)).append("\" cy=\"").append(n(y)).append("\" r=\"").append(n(r))
          .append("\" class=\"").append(cssClass).append("\"/>");
    }

    /** A line through the points; a lone point (between empty windows) would be invisible, so it is a dot. */
    void polyline(Frame frame, List<double[]> points, String cssClass) {
      if (points.size() == 1) {
        circle(frame.px(points.get(0)[0]), frame.py(points.get(0)[1]), 2.5, "dot " + cssClass);
        return;
      }
      out.append("<polyline class=\"").append(cssClass).append("\" points=\"");
      for (double[] point : points) {
        out.append(n(frame.px(point[0]))).append(',').append(n(frame.py(point[1]))).append(' ');
      }
      out.setLength(out.length() - 1);
      out.append("\"/>");
    }

    void text(double x, double y, String anchor, String cssClass, String content) {
      out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"")
          .append(anchor).append('"');
      if (cssClass != null) {
        out.append(" class=\"").append(cssClass).append('"');
      }
      out.append('>').append(esc(content)).append("</text>");
    }

    String close() {
      return out.append("</svg>").toString();
    }

    private static String n(double value) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
  }

  /**
   * An HTML table declared column by column. Cells are plain text, escaped here, so no caller can forget to.
   * Numeric columns are right-aligned; columns sharing a group get a spanning header above them.
   */
  private static final class Table {

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

  // ---- text shared with SignOffMarkdown

  static String verdictWord(boolean passed) {
    return passed ? "PASS" : "FAIL";
  }

  static String budgetTally(List<BudgetResult> budgets) {
    long met = budgets.stream().filter(BudgetResult::passed).count();
    return met + " of " + budgets.size() + " budgets met";
  }

  static String actual(BudgetResult budget) {
    return budget.actual() == null ? "never ran" : quantity(budget.actual(), budget.unit());
  }

  static String recoverySentence(Recovery recovery) {
    String peak = "The peak ended " + duration(recovery.peakEndOffsetMs()) + " after the start; ";
    String allowed = " (allowed " + duration(recovery.budgetMs()) + ").";
    return recovery.recoveryMs() == null
        ? peak + "the run never came back within budget" + allowed
        : peak + "the run was back within budget " + duration(recovery.recoveryMs()) + " later" + allowed;
  }

  static String driftSentence(Drift drift) {
    return "p95 went from " + drift.first().p95() + " ms in the first window to " + drift.last().p95()
        + " ms in the last: " + signedPercent(drift.p95ChangePercent()) + " (" + signedPercent(
        drift.p95ChangePerHourPercent()) + " per hour; threshold +" + decimal(drift.thresholdPercent())
        + " %). Errors went from " + decimal(drift.first().errorPercent()) + " % to "
        + decimal(drift.last().errorPercent()) + " %.";
  }

  static String breakingPointSentence(BreakingPoint point) {
    String rate = point.sustainableRatePerSec() == null ? ""
        : ": a sustainable rate of " + decimal(point.sustainableRatePerSec()) + " /s";
    boolean broke = point.stairs().stream().anyMatch(stair -> !stair.failedBudgets().isEmpty());
    if (!broke) {
      return "Every stair met every budget, up to " + point.lastGoodStair() + rate + "; no breaking point yet.";
    }
    String good = point.lastGoodStair() == null
        ? "Even the first stair missed a budget"
        : "The last stair meeting every budget was " + point.lastGoodStair() + rate;
    String graceful = point.graceful()
        ? "; failures were fast rejections (429/503)."
        : "; failures included timeouts or dropped connections, not only fast rejections.";
    return good + "; broke by " + point.brokeBy() + graceful;
  }

  static String quantity(double value, String unit) {
    return unit == null || unit.isEmpty() ? decimal(value) : decimal(value) + " " + unit;
  }

  /** At most two decimals, no trailing zeros, "." as separator whatever the machine's locale. */
  static String decimal(double value) {
    if (!Double.isFinite(value)) {
      return "n/a";
    }
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  static String signedPercent(double value) {
    return (value > 0 ? "+" : "") + decimal(value) + " %";
  }

  static String count(long value) {
    return Long.toString(value);
  }

  static String utc(long epochMs) {
    return UTC.format(Instant.ofEpochMilli(epochMs));
  }

  static String duration(long ms) {
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return decimal(Math.round(ms / 100.0) / 10.0) + " s";
    }
    long seconds = Math.round(ms / 1000.0);
    long hours = seconds / 3600;
    String minutes = (seconds % 3600 / 60) + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    return hours > 0 ? hours + " h " + minutes : minutes;
  }

  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
