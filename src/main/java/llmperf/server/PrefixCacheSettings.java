package llmperf.server;

/**
 * The reference server's prefix cache (see {@link PrefixCache}).
 *
 * @param blockTokens tokens per cached block (vLLM's block size)
 * @param blocks how many blocks it holds, least recently used evicted first; 0 turns the cache off
 */
public record PrefixCacheSettings(int blockTokens, int blocks) {

  public PrefixCacheSettings {
    if (blockTokens < 1 || blocks < 0) {
      throw new IllegalArgumentException("block-tokens must be at least 1 and blocks at least 0");
    }
  }

  /** The defaults of simulations.conf: 16-token blocks, 65536 of them. */
  public static PrefixCacheSettings standard() {
    return new PrefixCacheSettings(16, 65_536);
  }

  public boolean enabled() {
    return blocks > 0;
  }
}
