package llmperf.signoff.render;

import static llmperf.signoff.analysis.Figures.decimal;
import static llmperf.signoff.render.Texts.esc;

import java.util.List;
import java.util.Locale;

/** Just enough SVG: every coordinate rounded to 0.1 px, every text escaped. */
final class Svg {

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

  /** A dot linking to another page, its tooltip the title: a point of the trends that opens its run. */
  void linkedDot(double x, double y, double r, String cssClass, String href, String tooltip) {
    out.append("<a href=\"").append(esc(href)).append("\"><circle cx=\"").append(n(x)).append("\" cy=\"")
        .append(n(y)).append("\" r=\"").append(n(r)).append("\" class=\"").append(cssClass).append("\"><title>")
        .append(esc(tooltip)).append("</title></circle></a>");
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
