package llmperf.signoff.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import llmperf.signoff.analysis.Summary.Window;
import llmperf.signoff.render.Frame.Axis;

/** Lines of per-window values over the run's time, on a shared x axis in seconds from the start. */
final class TimeChart {

  /** One line of a time chart: a value per window, NaN where it has none. */
  record Series(String name, String cssClass, double[] values) {}

  /** A horizontal reference line (a budget). */
  record Guide(double value, String label) {}

  /** A vertical line at an offset from the start (a phase boundary). */
  record Marker(long offsetMs, String label) {}

  private TimeChart() {}

  static String draw(List<Window> windows, List<Series> series, Guide guide, List<Marker> markers, String unit) {
    double end = windows.get(windows.size() - 1).endOffsetMs() / 1000.0;
    double top = series.stream().flatMapToDouble(s -> Arrays.stream(s.values())).filter(v -> !Double.isNaN(v))
        .max().orElse(0);
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

  /** Points at each window's middle; a window without a value (NaN) breaks the line instead of dropping to 0. */
  private static List<List<double[]>> lines(List<Window> windows, Series series) {
    List<List<double[]>> lines = new ArrayList<>();
    List<double[]> current = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      Window window = windows.get(i);
      if (Double.isNaN(series.values()[i])) {
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
