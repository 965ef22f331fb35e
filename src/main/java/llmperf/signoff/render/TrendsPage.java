package llmperf.signoff.render;

import static llmperf.signoff.analysis.Figures.decimal;
import static llmperf.signoff.analysis.Figures.quantity;
import static llmperf.signoff.render.Texts.esc;
import static llmperf.signoff.render.Texts.utc;
import static llmperf.signoff.render.Texts.verdictWord;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import llmperf.signoff.render.Frame.Axis;
import llmperf.signoff.trends.HistoryLine;
import llmperf.signoff.trends.Trends;

/**
 * Renders results/trends.html: per simulation and scale, each trended budget over the last runs against its limit,
 * one self-contained page like signoff.html (inline CSS and SVG, no script, no external resource). Each point links
 * to its run's signoff.html, relative to the results folder, and names its run and commit in its tooltip; the
 * markup is well-formed XML, which the tests rely on to read it.
 */
public final class TrendsPage {

  private static final String TREND_CSS = "svg .point{fill:#fff;stroke:#e07b00;stroke-width:2}\n"
      + "svg .point.fail{fill:#c62828;stroke:#c62828}\nsvg a:hover .point{stroke-width:4}\n";

  private TrendsPage() {}

  public static String render(Trends trends) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
        .append("<title>Trends</title>\n<style>\n").append(SignOffPage.CSS).append(TREND_CSS)
        .append("</style></head>\n<body>\n<h1>Trends</h1>\n<p class=\"muted\">From history.jsonl: the last ")
        .append(Trends.LAST_RUNS).append(" runs of each simulation and scale, oldest first. Each budget's actual")
        .append(" value per run (a red point failed it) against its limit in that run (the dashed line); each point")
        .append(" opens its run's sign-off and names its commit.</p>\n");
    if (!trends.unreadable().isEmpty()) {
      html.append("<p class=\"unreliable\">").append(trends.unreadable().size())
          .append(" line(s) of history.jsonl could not be read and are left out: ")
          .append(esc(String.join("; ", trends.unreadable()))).append("</p>\n");
    }
    if (trends.groups().isEmpty()) {
      html.append("<p>No run recorded yet.</p>\n");
    }
    trends.groups().forEach(group -> html.append(group(group)));
    return html.append("</body></html>\n").toString();
  }

  private static String group(Trends.Group group) {
    StringBuilder html = new StringBuilder("<section><h2>").append(esc(group.title())).append("</h2>\n<p>")
        .append(esc(baselineSentence(group))).append("</p>\n").append(runs(group));
    if (group.charts().isEmpty()) {
      html.append("<p class=\"muted\">No budget recorded in these runs' lines (lines written before budgets were"
          + " kept have none).</p>\n");
    } else {
      html.append("<div class=\"charts\">");
      group.charts().forEach(chart -> html.append("<figure><figcaption>").append(esc(chart.title()))
          .append(" <span>").append(esc(caption(chart))).append("</span></figcaption>")
          .append(draw(chart, group.runs().size(), position(group))).append("</figure>\n"));
      html.append("</div>\n");
    }
    return html.append("</section>\n").toString();
  }

  private static String baselineSentence(Trends.Group group) {
    if (group.baselineRun() == null) {
      return "No stored baseline of " + group.simulation() + " at scale " + group.scale() + ".";
    }
    return position(group) > 0 ? "Baseline: run " + position(group) + " (" + group.baselineRun()
        + "), the dotted vertical line." : "Baseline: " + group.baselineRun() + ", older than the runs shown.";
  }

  /** The baseline run's place among the group's runs, 0 when it is not among them. */
  private static int position(Trends.Group group) {
    for (int i = 0; i < group.runs().size(); i++) {
      if (group.runs().get(i).run().equals(group.baselineRun())) {
        return i + 1;
      }
    }
    return 0;
  }

  /** The group's runs, each linking to its sign-off: the points of every chart above, by number. */
  private static String runs(Trends.Group group) {
    StringBuilder html = new StringBuilder("<details><summary>The runs (").append(group.runs().size())
        .append(")</summary><table><thead><tr><th class=\"n\">run</th><th>folder</th><th>commit</th>")
        .append("<th>start (UTC)</th><th>verdict</th></tr></thead><tbody>\n");
    for (int i = 0; i < group.runs().size(); i++) {
      HistoryLine run = group.runs().get(i);
      html.append(run.passed() ? "<tr>" : "<tr class=\"failed\">").append("<td class=\"n\">").append(i + 1)
          .append("</td><td><a href=\"").append(esc(run.run() + "/signoff.html")).append("\">").append(esc(run.run()))
          .append("</a></td><td>").append(esc(shortCommit(run.commit()))).append("</td><td>")
          .append(esc(utc(run.start()))).append("</td><td>").append(verdictWord(run.passed())).append("</td></tr>\n");
    }
    return html.append("</tbody></table></details>\n").toString();
  }

  private static String caption(Trends.Chart chart) {
    if (chart.key() == null) {
      return "no limit";
    }
    Double last = chart.points().get(chart.points().size() - 1).limit();
    return chart.key() + ", limit " + quantity(Objects.requireNonNull(last), chart.unit());
  }

  private static String draw(Trends.Chart chart, int runs, int baselinePosition) {
    double top = chart.points().stream().mapToDouble(p -> Math.max(p.value() == null ? 0 : p.value(),
        p.limit() == null ? 0 : p.limit())).max().orElse(0);
    // At least five runs wide, so that the axis counts whole runs and a step either side of the last fits.
    Frame frame = new Frame(560, 220, 56, 26, 16, 40, Axis.upTo(Math.max(runs + 0.5, 5)), Axis.upTo(top * 1.08));
    Svg svg = new Svg(frame.width(), frame.height());
    svg.axes(frame, chart.unit(), "run, oldest first");
    if (baselinePosition > 0) {
      double x = frame.px(baselinePosition);
      svg.line(x, frame.top(), x, frame.plotBottom(), "marker");
      svg.text(x + 3, frame.top() + 11, "start", "label", "baseline");
    }
    if (chart.key() != null) {
      // A step per run: each run's limit spans its place, so that a lone run's limit is a line too.
      List<double[]> limit = new ArrayList<>();
      chart.points().forEach(p -> {
        limit.add(new double[] {p.position() - 0.5, p.limit()});
        limit.add(new double[] {p.position() + 0.5, p.limit()});
      });
      svg.polyline(frame, limit, "guide");
    }
    List<double[]> values = chart.points().stream().filter(p -> p.value() != null)
        .map(p -> new double[] {p.position(), p.value()}).toList();
    if (values.size() > 1) {
      svg.polyline(frame, values, "s-p95");
    }
    for (Trends.Point point : chart.points()) {
      double value = point.value() == null ? 0 : point.value();
      svg.linkedDot(frame.px(point.position()), frame.py(value), 3.5, point.passed() ? "point" : "point fail",
          point.run() + "/signoff.html", tooltip(chart, point));
    }
    return svg.close();
  }

  private static String tooltip(Trends.Chart chart, Trends.Point point) {
    String value = point.value() == null ? "nothing to judge" : quantity(point.value(), chart.unit());
    String limit = point.limit() == null ? "" : " (limit " + decimal(point.limit()) + ", "
        + verdictWord(point.passed()) + ")";
    return "run " + point.position() + ": " + value + limit + "; " + point.run() + ", commit "
        + shortCommit(point.commit()) + (point.baseline() ? "; the baseline" : "");
  }

  private static String shortCommit(String commit) {
    return commit.length() > 10 ? commit.substring(0, 10) : commit;
  }
}
