package llmperf.feeders;

import static io.gatling.javaapi.core.CoreDsl.csv;

import io.gatling.javaapi.core.FeederBuilder;

/** The test data of src/test/resources/data. Every feeder is circular or random: none can run dry mid-run. */
public final class Feeders {

  private Feeders() {}

  /** username, provider. Passwords are not in the file: they come from target.user-password. */
  public static FeederBuilder<String> users() {
    return csv("data/users.csv").circular();
  }

  /** prompt, max_tokens, kind (short, medium, story), weight. */
  public static FeederBuilder<String> prompts() {
    return csv("data/prompts.csv").random();
  }

  /** voice (id), voice_name, text. */
  public static FeederBuilder<String> voices() {
    return csv("data/voices.csv").random();
  }
}
