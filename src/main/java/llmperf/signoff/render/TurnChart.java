package llmperf.signoff.render;

import java.util.List;
import llmperf.signoff.analysis.Summary.Conversation;
import llmperf.signoff.render.Frame.Axis;

/**
 * A conversation's TTFT against the prompt tokens each turn sent: the median and p95 of every turn as dots, and
 * through the medians the least-squares line whose slope is the TTFT added per 1,000 tokens of history.
 */
final class TurnChart {

  private TurnChart() {}

  static String draw(Conversation conversation) {
    List<Conversation.Turn> turns = conversation.turns();
    double maxTokens = turns.stream().mapToDouble(Conversation.Turn::promptTokens).max().orElse(0);
    double maxTtft = turns.stream().mapToDouble(Conversation.Turn::ttftP95).max().orElse(0);
    Frame frame = new Frame(640, 260, 56, 30, 16, 40, Axis.upTo(maxTokens * 1.05), Axis.upTo(maxTtft * 1.1));
    Svg svg = new Svg(frame.width(), frame.height());
    svg.axes(frame, "ms", "prompt tokens");
    if (conversation.msPerThousandPromptTokens() != null) {
      fittedLine(svg, frame, turns, conversation.msPerThousandPromptTokens() / 1000);
    }
    for (Conversation.Turn turn : turns) {
      double x = frame.px(turn.promptTokens());
      svg.circle(x, frame.py(turn.ttftP95()), 3.5, "dot s-p95");
      svg.circle(x, frame.py(turn.ttftP50()), 3.5, "dot s-p50");
      svg.text(x, frame.py(turn.ttftP95()) - 8, "middle", "label", "turn " + turn.turn());
    }
    svg.circle(frame.left() + 6, 10, 3.5, "dot s-p50");
    svg.text(frame.left() + 14, 14, "start", null, "TTFT p50");
    svg.circle(frame.left() + 90, 10, 3.5, "dot s-p95");
    svg.text(frame.left() + 98, 14, "start", null, "TTFT p95");
    return svg.close();
  }

  /** The line through the medians' mean point with the fitted slope, across the turns' prompt lengths. */
  private static void fittedLine(Svg svg, Frame frame, List<Conversation.Turn> turns, double msPerToken) {
    double meanX = turns.stream().mapToDouble(Conversation.Turn::promptTokens).average().orElse(0);
    double meanY = turns.stream().mapToDouble(Conversation.Turn::ttftP50).average().orElse(0);
    double fromX = turns.stream().mapToDouble(Conversation.Turn::promptTokens).min().orElse(0);
    double toX = turns.stream().mapToDouble(Conversation.Turn::promptTokens).max().orElse(0);
    svg.line(frame.px(fromX), frame.py(meanY + (fromX - meanX) * msPerToken), frame.px(toX),
        frame.py(meanY + (toX - meanX) * msPerToken), "guide");
  }
}
