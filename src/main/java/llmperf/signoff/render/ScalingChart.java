package llmperf.signoff.render;

import static llmperf.signoff.analysis.Figures.decimal;

import java.util.List;
import java.util.function.ToDoubleFunction;
import llmperf.signoff.analysis.Summary.Phases.Scaling;
import llmperf.signoff.render.Frame.Axis;

/**
 * A scalability run's two steps side by side: throughput (OK requests/s) and p95 per step, each its own bars, and
 * on the throughput panel the linear expectation (the low step's throughput times the users' ratio) as a line.
 */
final class ScalingChart {

  private static final int PANEL_WIDTH = 320;
  private static final int HEIGHT = 240;

  private ScalingChart() {}

  static String draw(Scaling scaling) {
    List<Scaling.Step> steps = scaling.steps();
    Scaling.Step low = steps.get(0);
    double linear = low.perSecond() * steps.get(1).users() / low.users();
    Svg svg = new Svg(2 * PANEL_WIDTH, HEIGHT);
    panel(svg, 0, steps, Scaling.Step::perSecond, "OK requests/s", "box", linear);
    panel(svg, PANEL_WIDTH, steps, step -> step.p95(), "p95 (ms)", "max", -1);
    return svg.close();
  }

  /** One panel's bars; {@code guide} above 0 draws the linear expectation across it. */
  private static void panel(Svg svg, int offset, List<Scaling.Step> steps, ToDoubleFunction<Scaling.Step> value,
      String unit, String cssClass, double guide) {
    double top = Math.max(guide, steps.stream().mapToDouble(value).max().orElse(0));
    Frame frame = new Frame(PANEL_WIDTH, HEIGHT, 50, 28, 12, 40, Axis.upTo(steps.size()), Axis.upTo(top * 1.1));
    double slot = (frame.plotRight() - frame.left()) / steps.size();
    for (double tick : frame.y().ticks()) {
      double y = frame.py(tick);
      svg.line(offset + frame.left(), y, offset + frame.plotRight(), y, "grid");
      svg.text(offset + frame.left() - 6, y + 4, "end", null, decimal(tick));
    }
    svg.text(offset + 4, frame.top() - 12, "start", null, unit);
    for (int i = 0; i < steps.size(); i++) {
      Scaling.Step step = steps.get(i);
      double x = offset + frame.left() + i * slot + slot * 0.2;
      double y = frame.py(value.applyAsDouble(step));
      svg.rect(x, y, slot * 0.6, frame.plotBottom() - y, cssClass);
      svg.text(x + slot * 0.3, y - 4, "middle", null, decimal(value.applyAsDouble(step)));
      svg.text(x + slot * 0.3, frame.plotBottom() + 15, "middle", null, step.group());
    }
    svg.line(offset + frame.left(), frame.plotBottom(), offset + frame.plotRight(), frame.plotBottom(), "axis");
    if (guide > 0) {
      double y = frame.py(guide);
      svg.line(offset + frame.left(), y, offset + frame.plotRight(), y, "guide");
      svg.text(offset + frame.plotRight() - 4, y - 4, "end", "label guide-label", "linear: " + decimal(guide) + " /s");
    }
  }
}
