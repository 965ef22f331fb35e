package llmperf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The prefix cache alone: chained blocks, full blocks only, the LRU bound, off at 0 blocks. */
class PrefixCacheTest {

  /** 4-token blocks: 16 characters each. */
  private static String blocks(char... letters) {
    StringBuilder text = new StringBuilder();
    for (char letter : letters) {
      text.append(String.valueOf(letter).repeat(16));
    }
    return text.toString();
  }

  @Test
  void onlyTheLeadingSharedFullBlocksHit() {
    PrefixCache cache = new PrefixCache(new PrefixCacheSettings(4, 100), 4);
    assertEquals(0, cache.serve(blocks('a', 'b', 'c') + "tail"));
    assertEquals(8, cache.serve(blocks('a', 'b', 'x')), "a and b are shared, x is not");
    assertEquals(12, cache.serve(blocks('a', 'b', 'c')), "the partial tail was never cached");
    assertEquals(0, cache.serve(blocks('b', 'c')), "b after a is not b at the start: the hash is chained");
    assertEquals(0, cache.serve("short"));
    assertEquals(6, cache.size(), "a, b, c, x after ab, b and c at the start: each prefix its own blocks");
    assertEquals(13 + 12 + 12 + 8 + 2, cache.queriedTokens(), "the partial block counts too: 52 characters are 13 tokens");
    assertEquals(20, cache.hitTokens());
  }

  @Test
  void theLeastRecentlyUsedBlocksGoFirstAndTheBoundHolds() {
    PrefixCache cache = new PrefixCache(new PrefixCacheSettings(4, 3), 4);
    cache.serve(blocks('a', 'b'));
    cache.serve(blocks('c'));
    assertEquals(3, cache.size());
    assertEquals(8, cache.serve(blocks('a', 'b')), "a and b, used again, become the most recent");
    cache.serve(blocks('d'));
    assertEquals(3, cache.size());
    assertEquals(0, cache.serve(blocks('c')), "c was the least recently used");
    assertEquals(3, cache.size());
  }

  @Test
  void zeroBlocksTurnsItOff() {
    PrefixCache cache = new PrefixCache(new PrefixCacheSettings(4, 0), 4);
    cache.serve(blocks('a', 'b'));
    assertEquals(0, cache.serve(blocks('a', 'b')));
    assertEquals(0, cache.size());
    assertEquals(0, cache.queriedTokens());
  }
}
