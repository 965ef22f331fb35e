package llmperf.signoff.render;

import static llmperf.signoff.analysis.Figures.decimal;

import java.util.List;
import java.util.Optional;
import llmperf.signoff.analysis.Summary.BudgetResult;
import llmperf.signoff.analysis.Summary.RowStats;
import llmperf.signoff.analysis.Summary.Streaming;
import llmperf.signoff.render.Frame.Axis;

/** TTFT percentiles of each journey as a horizontal box, against the journey's TTFT p95 budget. */
final class TtftChart {

  private static final int BAND = 46;

  private TtftChart() {}

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
