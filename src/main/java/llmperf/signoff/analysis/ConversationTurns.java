package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import llmperf.metrics.ConversationTally;

/**
 * Each conversation journey's turns, and how much its TTFT grew per 1,000 prompt tokens: the least-squares slope of
 * the turns' median TTFT over their median prompt tokens, which on a server without prefix caching is its prefill
 * cost.
 */
final class ConversationTurns {

  private ConversationTurns() {}

  static List<Summary.Conversation> of(Map<String, ConversationTally> byGroup) {
    List<Summary.Conversation> conversations = new ArrayList<>();
    byGroup.forEach((group, tally) -> {
      List<ConversationTally.TurnFigures> figures = tally.turns();
      List<Summary.Conversation.Turn> turns = figures.stream().map(t -> new Summary.Conversation.Turn(t.turn(),
          t.replies(), t.medianPromptTokens(), t.ttftP50Ms(), t.ttftP95Ms())).toList();
      long replies = figures.stream().mapToLong(ConversationTally.TurnFigures::replies).sum();
      long fromUsage = figures.stream().mapToLong(ConversationTally.TurnFigures::promptTokensFromUsage).sum();
      String source = fromUsage == replies ? "usage" : fromUsage == 0 ? "estimated"
          : "usage on " + fromUsage + " of " + replies + " replies";
      conversations.add(new Summary.Conversation(group, turns, slopePerThousand(turns), source));
    });
    return conversations;
  }

  private static Double slopePerThousand(List<Summary.Conversation.Turn> turns) {
    double n = turns.size();
    double meanX = turns.stream().mapToDouble(Summary.Conversation.Turn::promptTokens).sum() / n;
    double meanY = turns.stream().mapToDouble(Summary.Conversation.Turn::ttftP50).sum() / n;
    double covariance = 0;
    double variance = 0;
    for (Summary.Conversation.Turn turn : turns) {
      covariance += (turn.promptTokens() - meanX) * (turn.ttftP50() - meanY);
      variance += (turn.promptTokens() - meanX) * (turn.promptTokens() - meanX);
    }
    return turns.size() < 2 || variance == 0 ? null : 1000 * covariance / variance;
  }
}
