package llmperf.config;

import llmperf.server.PrefixCacheSettings;

/** Reads embedded-target.prefix-cache: kept apart so that SuiteConfig stays one screenful per concern. */
final class PrefixCacheReader {

  private PrefixCacheReader() {}

  static PrefixCacheSettings read(ConfigReader reader, String key) {
    return new PrefixCacheSettings(
        (int) reader.integer(key + ".block-tokens", 1, 1_000_000),
        (int) reader.integer(key + ".blocks", 0, 100_000_000));
  }
}
