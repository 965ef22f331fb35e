package llmperf.data;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The conversations of a {@link Dataset}, drawn per request from a seeded sequence: the same seed and drawer give the
 * same conversations in the same order. Each row is a feeder row: {@code prompt} and {@code max_tokens} of the first
 * user turn (what a single-turn journey sends), {@code kind} "dataset", and under {@link #TURNS} every user turn as
 * such a row, for a conversation to replay in order.
 */
public final class DatasetPrompts implements Iterator<Map<String, Object>> {

  public static final String KIND = "dataset";
  /** The row's user turns, each a map of prompt, max_tokens and kind. */
  public static final String TURNS = "llmperf.dataset.turns";

  private final List<Dataset.Conversation> conversations;
  private final Random random;

  /** @param drawer the journey step drawing, which has a sequence of its own */
  public DatasetPrompts(Dataset dataset, long seed, String drawer) {
    this.conversations = dataset.conversations();
    this.random = new Random(seed * 31 + drawer.hashCode());
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  /** One draw; synchronised so that virtual users sharing the feeder keep the sequence whole. */
  @Override
  public synchronized Map<String, Object> next() {
    List<Map<String, Object>> turns = conversations.get(random.nextInt(conversations.size())).turns().stream()
        .map(turn -> Map.<String, Object>of("prompt", turn.prompt(), "max_tokens", turn.maxTokens(), "kind", KIND))
        .toList();
    Map<String, Object> first = turns.get(0);
    return Map.of("prompt", first.get("prompt"), "max_tokens", first.get("max_tokens"), "kind", KIND, TURNS, turns);
  }
}
