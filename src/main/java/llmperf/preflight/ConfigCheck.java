package llmperf.preflight;

import llmperf.config.ConfigError;
import llmperf.config.SuiteConfig;
import llmperf.config.TargetConfig;
import llmperf.data.DataError;
import llmperf.data.Dataset;
import llmperf.data.FeederData;
import llmperf.data.ReplayTrace;
import llmperf.data.TokenizerFile;
import llmperf.safety.SecretMasking;

/**
 * Validates the settings, the feeder files, the dataset and the tokenizer in use in Maven's own JVM right after
 * compilation, and probes a target that is not the embedded one (and its metrics endpoint, when set), so that a bad
 * value, a bad data row or a dead target stops {@code mvn gatling:test} with its one line before Gatling is forked and
 * before any load starts.
 */
public final class ConfigCheck {

  /** What a refused setting ends Maven with: the build fails, and the one line is all that is printed. */
  public static final int REFUSED_STATUS = 1;

  /** What a refused data file's line starts with. */
  public static final String DATA_REFUSED = "Data refused: ";

  private ConfigCheck() {}

  public static void main(String[] args) {
    try {
      SuiteConfig config = SuiteConfig.load();
      FeederData.shipped();
      if (config.prompts().isDataset()) {
        Dataset.of(config.prompts().dataset());
      }
      if (!config.prompts().tokenizer().isEmpty()) {
        TokenizerFile.of(config.prompts().tokenizer());
      }
      String simulation = System.getProperty("simulation", "Smoke");
      if (simulation.equals("Replay") || simulation.equals("*")) {
        ReplayTrace.read(config.replay().trace());
      }
      LoadSafety.requireAllowed(config, simulation);
      Preflight.requireReachable(config.target(), config.preflightPath());
      if (!config.target().embedded()) {
        Preflight.requireMetrics(config.target(), config.targetMetrics(), config.budgets());
      }
      System.out.println("Settings valid: scale " + config.profiles().scale() + ", target "
          + (config.target().embedded() ? TargetConfig.EMBEDDED : SecretMasking.mask(config.target().baseUrl())));
    } catch (ConfigError refused) {
      // Thrown back to exec:java, the line would come wrapped in the plugin's failure and Maven's help; ending
      // Maven's JVM here fails the build with the line alone.
      System.err.println("Settings refused: " + refused.getMessage());
      System.exit(REFUSED_STATUS);
    } catch (DataError refused) {
      System.err.println(DATA_REFUSED + refused.getMessage());
      System.exit(REFUSED_STATUS);
    } catch (PreflightError unreachable) {
      System.err.println(unreachable.line());
      System.exit(REFUSED_STATUS);
    }
  }
}
