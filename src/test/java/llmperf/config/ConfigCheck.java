package llmperf.config;

/**
 * Validates the settings in Maven's own JVM right after compilation, so that a bad value stops
 * {@code mvn gatling:test} with its one line before Gatling is forked and before any load starts.
 */
public final class ConfigCheck {

  private ConfigCheck() {}

  public static void main(String[] args) {
    SuiteConfig config = SuiteConfig.load();
    System.out.println("Settings valid: scale " + config.profiles().scale() + ", target "
        + (config.target().embedded() ? TargetConfig.EMBEDDED : config.target().baseUrl()));
  }
}
