package llmperf.config;

import llmperf.safety.LoadSafety;
import llmperf.safety.SecretMasking;

/**
 * Validates the settings in Maven's own JVM right after compilation, so that a bad value stops
 * {@code mvn gatling:test} with its one line before Gatling is forked and before any load starts.
 */
public final class ConfigCheck {

  private ConfigCheck() {}

  public static void main(String[] args) {
    SuiteConfig config = SuiteConfig.load();
    LoadSafety.requireAllowed(config, System.getProperty("simulation", "Smoke"));
    System.out.println("Settings valid: scale " + config.profiles().scale() + ", target "
        + (config.target().embedded() ? TargetConfig.EMBEDDED : SecretMasking.mask(config.target().baseUrl())));
  }
}
