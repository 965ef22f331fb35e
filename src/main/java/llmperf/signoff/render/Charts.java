package llmperf.signoff.render;

import static llmperf.signoff.analysis.Figures.quantity;
import static llmperf.signoff.render.Texts.esc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import llmperf.budgets.Budget;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.BudgetResult;
import llmperf.signoff.analysis.Summary.Phases;
import llmperf.signoff.analysis.Summary.Phases.Recovery;
import llmperf.signoff.analysis.Summary.Window;
import llmperf.signoff.render.TimeChart.Guide;
import llmperf.signoff.render.TimeChart.Marker;
import llmperf.signoff.render.TimeChart.Series;

/** Which charts signoff.html shows for a run, and what each one draws: the windows over time and the TTFT. */
final class Charts {

  private Charts() {}

  /** The figures of the Charts section, or "" when the run has nothing to chart. */
  static String figures(Summary summary) {
    List<Window> windows = summary.windows();
    StringBuilder html = new StringBuilder();
    // One window (a smoke run) is a single point in time: the tables already say all it could.
    if (windows.size() >= 2) {
      List<Marker> markers = recoveryMarkers(summary.phases());
      html.append(figure("Latency per window", "p50 and p95 of the requests that ended in each window",
          TimeChart.draw(windows, List.of(
                  new Series("p50", "s-p50", perWindow(windows, Window::p50)),
                  new Series("p95", "s-p95", perWindow(windows, Window::p95))),
              latencyGuide(summary.budgets()), markers, "ms")));
      html.append(figure("Throughput", "requests that ended per second",
          TimeChart.draw(windows, List.of(new Series("requests/s", "s-rate", perWindow(windows, Charts::perSecond))),
              null, markers, "/s")));
      html.append(figure("Errors", "failed requests, % of each window",
          TimeChart.draw(windows, List.of(new Series("error %", "s-errors", perWindow(windows, Window::errorPercent))),
              errorGuide(summary.budgets()), markers, "%")));
    }
    if (summary.phases().scaling() != null) {
      html.append(figure("Scaling steps", "throughput and p95 of each step; the line: throughput that scales"
          + " linearly with the users", ScalingChart.draw(summary.phases().scaling())));
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
    return "<div class=\"charts\">" + html + "</div>" + note;
  }

  /**
   * Each sampled series of the target on the windows' time axis, its highest sample per window, with its budget's
   * limit drawn across when it has one; "" when the run has fewer than two windows or nothing was sampled.
   */
  static String resourceFigures(Summary summary) {
    List<Window> windows = summary.windows();
    if (windows.size() < 2) {
      return "";
    }
    List<Marker> markers = recoveryMarkers(summary.phases());
    StringBuilder html = new StringBuilder();
    for (Summary.Resources.Series series : summary.resources().series()) {
      if (series.samples() == 0) {
        continue;
      }
      double[] values = series.perWindow().stream().mapToDouble(v -> v == null ? Double.NaN : v).toArray();
      html.append(figure(series.name(), series.metric() + ", highest sample per window" + (series.unit().isEmpty()
              ? "" : ", " + series.unit()),
          TimeChart.draw(windows, List.of(new Series(series.name(), "s-resource", values)),
              resourceGuide(summary.budgets(), series), markers, series.unit())));
    }
    return html.isEmpty() ? "" : "<div class=\"charts\">" + html + "</div>\n";
  }

  private static Guide resourceGuide(List<BudgetResult> budgets, Summary.Resources.Series series) {
    return budgets.stream()
        .filter(b -> b.path().equals(Budget.TARGET_SCOPE + " / " + series.name()) && b.statistic().equals("max"))
        .findFirst().map(b -> new Guide(b.limit(), b.key() + " " + quantity(b.limit(), series.unit())))
        .orElse(null);
  }

  /** A window without a request has no latency, rate or error figure: its line breaks there rather than drop to 0. */
  private static double[] perWindow(List<Window> windows, ToDoubleFunction<Window> figure) {
    return windows.stream().mapToDouble(w -> w.count() == 0 ? Double.NaN : figure.applyAsDouble(w)).toArray();
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
}
