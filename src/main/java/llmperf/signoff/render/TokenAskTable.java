package llmperf.signoff.render;

import static llmperf.signoff.analysis.Figures.decimal;
import static llmperf.signoff.render.Texts.count;

import java.util.List;
import llmperf.metrics.TokenAskTally;
import llmperf.signoff.analysis.Summary.Streaming;

/**
 * The streaming journeys of synthetic or dataset prompts: the prompt and output tokens each request asked for against
 * those the server's usage reported, and how the asked prompt tokens were counted, so that a server counting or
 * generating otherwise shows it. On the page and in summary.md, only when some journey had such prompts.
 */
final class TokenAskTable {

  static final String TITLE = "Tokens asked for and reported";
  static final String[] HEADERS = {"journey", "replies", "prompt counted by", "prompt asked p50", "prompt asked mean",
      "prompt usage p50", "prompt usage mean", "output asked p50", "output asked mean", "output usage p50",
      "output usage mean"};
  /** summary.md's alignment of {@link #HEADERS}. */
  static final String ALIGN = "lrlrrrrrrrr";
  static final String NOTE = "Synthetic prompts (prompts.source = synthetic): the prompt tokens each whole request was"
      + " sized to; dataset prompts (prompts.source = dataset): the first user turn's request counted. Either way by"
      + " the target's tokenizer (prompts.tokenizer), by characters a token calibrated in the preflight from the"
      + " target's usage, or by the reference server's rule, ceil(characters / 4); and its max_tokens. Against the"
      + " server's usage (over the replies that reported it). A difference: the server's tokenizer counts otherwise,"
      + " its chat template adds tokens, or it does not honour ignore_eos.";

  private TokenAskTable() {}

  static List<Streaming> journeys(List<Streaming> streaming) {
    return streaming.stream().filter(s -> s.askedTokens() != null).toList();
  }

  static String[] cells(Streaming s) {
    TokenAskTally.Figures t = s.askedTokens();
    return new String[] {s.journey(), count(t.replies()), t.promptCountedBy(), count(t.promptAskedP50()),
        decimal(t.promptAskedMean()),
        usage(t.promptUsageReplies(), t.promptUsageP50()), usage(t.promptUsageReplies(), t.promptUsageMean()),
        count(t.outputAskedP50()), decimal(t.outputAskedMean()),
        usage(t.outputUsageReplies(), t.outputUsageP50()), usage(t.outputUsageReplies(), t.outputUsageMean())};
  }

  private static String usage(long replies, double value) {
    return replies == 0 ? "-" : decimal(value);
  }

  /** The table of the journeys given: each journey's section shows its own row. */
  static String table(List<Streaming> journeys) {
    Tables.Table table = new Tables.Table().text(HEADERS[0]).num(HEADERS[1]).text(HEADERS[2])
        .group("prompt tokens", "asked p50", "asked mean", "usage p50", "usage mean")
        .group("output tokens", "asked p50", "asked mean", "usage p50", "usage mean");
    journeys.forEach(s -> table.row(false, cells(s)));
    return table.html();
  }
}
