package llmperf.data;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The conversations of a {@link Dataset}, drawn per request from a seeded sequence: the same seed and drawer give the
 * same conversations in the same order. Each row is a feeder row: {@code prompt} and {@code max_tokens} of the first
 * user turn (what a single-turn journey sends), {@code kind} "dataset", {@code prompt_tokens} (the first turn's request
 * counted by {@link PromptTokens}) and how they were counted ({@link PromptTokens#COUNTED_BY}), and under
 * {@link #TURNS} every user turn as such a row, for a conversation to replay in order.
 */
public final class DatasetPrompts implements Iterator<Map<String, Object>> {

  public static final String KIND = "dataset";
  /** The row's user turns, each a map of prompt, max_tokens and kind. */
  public static final String TURNS = "llmperf.dataset.turns";

  private final List<Dataset.Conversation> conversations;
  private final PromptTokens tokens;
  private final int overheadChars;
  private final Random random;
  /** Each conversation's first request counted, once it is drawn; 0 before. */
  private final int[] promptTokens;

  /**
   * @param tokens how the first turn's request is counted
   * @param drawer the journey step drawing, which has a sequence of its own
   * @param overheadChars characters the request adds around the prompt, counted in its prompt tokens
   */
  public DatasetPrompts(Dataset dataset, PromptTokens tokens, long seed, String drawer, int overheadChars) {
    this.conversations = dataset.conversations();
    this.tokens = tokens;
    this.overheadChars = overheadChars;
    this.random = new Random(seed * 31 + drawer.hashCode());
    this.promptTokens = new int[conversations.size()];
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  /** One draw; synchronised so that virtual users sharing the feeder keep the sequence whole. */
  @Override
  public synchronized Map<String, Object> next() {
    int drawn = random.nextInt(conversations.size());
    List<Map<String, Object>> turns = conversations.get(drawn).turns().stream()
        .map(turn -> Map.<String, Object>of("prompt", turn.prompt(), "max_tokens", turn.maxTokens(), "kind", KIND))
        .toList();
    Map<String, Object> first = turns.get(0);
    if (promptTokens[drawn] == 0) {
      promptTokens[drawn] = tokens.count((String) first.get("prompt"), overheadChars);
    }
    return Map.of("prompt", first.get("prompt"), "max_tokens", first.get("max_tokens"), "kind", KIND,
        "prompt_tokens", promptTokens[drawn], PromptTokens.COUNTED_BY, tokens.countedBy(), TURNS, turns);
  }
}
