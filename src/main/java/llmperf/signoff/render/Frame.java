package llmperf.signoff.render;

import java.util.ArrayList;
import java.util.List;

/** The plot area inside an SVG canvas, mapping data to pixels (y grows downwards in SVG). */
record Frame(int width, int height, int left, int top, int right, int bottom, Axis x, Axis y) {

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

  /** An axis from 0 to a round maximum, with round steps (1, 2 or 5 times a power of ten). */
  record Axis(double step, double max) {

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
}
