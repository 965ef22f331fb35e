package llmperf.suite.feeders;

import static io.gatling.javaapi.core.CoreDsl.csv;

import io.gatling.javaapi.core.FeederBuilder;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The test data of src/test/resources/data. Every feeder is circular, random or weighted: none can run dry. */
public final class Feeders {

  public static final String PROMPTS = "data/prompts.csv";

  private Feeders() {}

  /** username, provider. Passwords are not in the file: they come from target.user-password. */
  public static FeederBuilder<String> users() {
    return csv("data/users.csv").circular();
  }

  /**
   * prompt, max_tokens, kind (short, medium, story), drawn by their weight column; one sequence per
   * {@code seed} and {@code drawer} (the journey drawing), the same from run to run.
   */
  public static Iterator<Map<String, Object>> prompts(long seed, String drawer) {
    return new WeightedFeeder(PROMPTS, PromptRows.ROWS, new Random(seed * 31 + drawer.hashCode()));
  }

  /** The largest max_tokens any prompt asks for: sizes the stream event buffers. */
  public static int maxOutputTokens() {
    return PromptRows.ROWS.stream()
        .mapToInt(row -> Integer.parseInt(String.valueOf(row.get("max_tokens"))))
        .max()
        .orElseThrow();
  }

  /**
   * The rows of data/prompts.csv, read once on first use: every journey step that draws prompts, and the stream
   * buffer sizing, share them. Gatling's csv reader needs a running Gatling, hence not read at class load.
   */
  private static final class PromptRows {
    static final List<Map<String, Object>> ROWS = List.copyOf(csv(PROMPTS).readRecords());
  }

  /** voice (id), voice_name, text. */
  public static FeederBuilder<String> voices() {
    return csv("data/voices.csv").random();
  }
}
