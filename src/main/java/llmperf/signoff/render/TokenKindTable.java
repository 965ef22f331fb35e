package llmperf.signoff.render;

import static llmperf.signoff.analysis.Figures.decimal;
import static llmperf.signoff.render.Texts.count;

import java.util.List;
import llmperf.signoff.analysis.Summary.RowStats;
import llmperf.signoff.analysis.Summary.Streaming;

/**
 * The streaming journeys whose replies reasoned or called a tool: how much of the output was reasoning, and when the
 * answer started and the tool call was complete, beside the TTFT of the first token of any kind. On the page and in
 * summary.md, only when some journey has such replies.
 */
final class TokenKindTable {

  static final String TITLE = "Reasoning and tool calls";
  static final String[] HEADERS = {"journey", "replies", "reasoning % of output tokens", "TTFT p50", "TTFT p95",
      "answer TTFT p50", "answer TTFT p95", "answer TTFT p99", "tool call p50", "tool call p95"};
  static final String NOTE = "Times in ms from the request. TTFT: the first token of any kind (reasoning included),"
      + " as vLLM and AIPerf time it; answer TTFT: the first answer or tool-call token of the replies that reasoned"
      + " first, what their user waits for; tool call: until the last piece of the call's arguments, when an agent"
      + " can act. ITL and the chunk gaps above run over every token. Reasoning tokens come from usage's"
      + " reasoning_tokens when the server sends them, else one per reasoning event.";

  private TokenKindTable() {}

  static List<Streaming> journeys(List<Streaming> streaming) {
    return streaming.stream().filter(Streaming::hasTokenKinds).toList();
  }

  static String[] cells(Streaming s) {
    return new String[] {s.journey(), count(s.replies()), decimal(s.reasoningPercent()),
        count(s.ttft().p50()), count(s.ttft().p95()),
        p(s.answerTtft(), 50), p(s.answerTtft(), 95), p(s.answerTtft(), 99), p(s.toolCall(), 50), p(s.toolCall(), 95)};
  }

  private static String p(RowStats row, int percentile) {
    if (row == null) {
      return "-";
    }
    return count(switch (percentile) {
      case 50 -> row.p50();
      case 95 -> row.p95();
      default -> row.p99();
    });
  }

  /** The table of the journeys given: each journey's section shows its own row. */
  static String table(List<Streaming> journeys) {
    Tables.Table table = new Tables.Table().text(HEADERS[0]).num(HEADERS[1]).num(HEADERS[2])
        .group("TTFT (ms)", "p50", "p95")
        .group("answer TTFT (ms)", "p50", "p95", "p99")
        .group("tool call (ms)", "p50", "p95");
    journeys.forEach(s -> table.row(false, cells(s)));
    return table.html();
  }
}
