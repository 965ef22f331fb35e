package llmperf.metrics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OK replies of one conversation journey by turn number: how long their prompts were and their TTFT, to the
 * microsecond, so that the sign-off can show TTFT growing with the history each turn sends again.
 */
public final class ConversationTally {

  /** Characters per token when the server reports no usage: OpenAI's rule of thumb, and the reference server's. */
  public static final int CHARS_PER_TOKEN = 4;

  private final Map<Integer, Turn> turns = new TreeMap<>();

  /**
   * What the replies of one turn number added up to.
   *
   * @param medianPromptTokens the median reply's: TTFT grows with the prompt, so the median TTFT belongs with the
   *     median prompt, not with the mean one that a few long replies pull up
   * @param promptTokensFromUsage replies whose prompt tokens the server's usage reported; the others' were
   *     estimated from the prompt's characters ({@link #CHARS_PER_TOKEN})
   */
  public record TurnFigures(int turn, long replies, double medianPromptTokens, long promptTokensFromUsage,
      double ttftP50Ms, double ttftP95Ms) {}

  private static final class Turn {
    private final MicrosHistogram ttft = new MicrosHistogram();
    private final MicrosHistogram promptTokens = new MicrosHistogram();
    private long fromUsage;
  }

  /**
   * One OK reply.
   *
   * @param usagePromptTokens the prompt tokens the server's usage reported, or -1
   * @param promptChars the characters of every message the turn sent, for an estimate when usage is missing (read
   *     only then)
   */
  public synchronized void add(int turn, long ttftNanos, int usagePromptTokens, long promptChars) {
    Turn figures = turns.computeIfAbsent(turn, t -> new Turn());
    figures.ttft.add(ttftNanos / 1000);
    if (usagePromptTokens >= 0) {
      figures.promptTokens.add(usagePromptTokens);
      figures.fromUsage++;
    } else {
      figures.promptTokens.add((promptChars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN);
    }
  }

  /** What a saved run plan keeps of one turn number's replies. */
  public record TurnState(HistogramCounts ttft, HistogramCounts promptTokens, long fromUsage) {}

  @JsonValue
  public synchronized Map<Integer, TurnState> state() {
    Map<Integer, TurnState> state = new TreeMap<>();
    turns.forEach((turn, t) -> state.put(turn, new TurnState(t.ttft.counts(), t.promptTokens.counts(), t.fromUsage)));
    return state;
  }

  @JsonCreator
  public static ConversationTally of(Map<Integer, TurnState> state) {
    ConversationTally tally = new ConversationTally();
    tally.add(state);
    return tally;
  }

  /** Adds a saved tally, or another load generator's turns of the same group. */
  public synchronized void add(Map<Integer, TurnState> other) {
    other.forEach((turn, state) -> {
      Turn figures = turns.computeIfAbsent(turn, t -> new Turn());
      figures.ttft.add(state.ttft());
      figures.promptTokens.add(state.promptTokens());
      figures.fromUsage += state.fromUsage();
    });
  }

  /** Every turn number that had an OK reply, in order. */
  public synchronized List<TurnFigures> turns() {
    List<TurnFigures> figures = new ArrayList<>();
    turns.forEach((turn, t) -> figures.add(new TurnFigures(turn, t.ttft.count(),
        t.promptTokens.percentile(50), t.fromUsage, t.ttft.percentile(50) / 1000,
        t.ttft.percentile(95) / 1000)));
    return figures;
  }
}
