package llmperf.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded LRU of prompt blocks, as vLLM's automatic prefix caching keeps them: a prompt is cut into full blocks of
 * {@code blockTokens} tokens (of the server's rule, {@link LatencyModel#promptTokens}), and
 * block i is keyed by a hash chained over blocks 0..i, so only a shared prefix hits. The partial last block is never
 * cached. Thread-safe: both event loops serve prompts.
 */
final class PrefixCache {

  private static final long FNV_PRIME = 0x100000001b3L;

  private final PrefixCacheSettings settings;
  private final int charsPerToken;
  private final int blockChars;
  private final Map<Long, Boolean> blocks;
  private final LongAdder queriedTokens = new LongAdder();
  private final LongAdder hitTokens = new LongAdder();

  PrefixCache(PrefixCacheSettings settings, int charsPerToken) {
    this.settings = settings;
    this.charsPerToken = charsPerToken;
    this.blockChars = settings.blockTokens() * charsPerToken;
    int capacity = settings.blocks();
    this.blocks = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * Looks the prompt's leading blocks up, then caches all its full blocks: the prompt tokens whose prefill is
   * skipped (the leading blocks that hit), 0 when the cache is off.
   */
  int serve(CharSequence prompt) {
    if (!settings.enabled()) {
      return 0;
    }
    int full = prompt.length() / blockChars;
    long[] keys = new long[full];
    long chain = 0xcbf29ce484222325L;
    for (int b = 0; b < full; b++) {
      for (int i = b * blockChars; i < (b + 1) * blockChars; i++) {
        chain = (chain ^ prompt.charAt(i)) * FNV_PRIME;
      }
      keys[b] = chain;
    }
    int hits = 0;
    synchronized (blocks) {
      while (hits < full && blocks.get(keys[hits]) != null) {
        hits++;
      }
      for (long key : keys) {
        blocks.put(key, Boolean.TRUE);
      }
    }
    int cached = hits * settings.blockTokens();
    queriedTokens.add(LatencyModel.promptTokens(prompt.length(), charsPerToken));
    hitTokens.add(cached);
    return cached;
  }

  int size() {
    synchronized (blocks) {
      return blocks.size();
    }
  }

  /** Prompt tokens looked up, as vLLM's prefix_cache_queries counts them. */
  long queriedTokens() {
    return queriedTokens.sum();
  }

  /** Prompt tokens found cached, as vLLM's prefix_cache_hits counts them. */
  long hitTokens() {
    return hitTokens.sum();
  }
}
