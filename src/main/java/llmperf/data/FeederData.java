package llmperf.data;

import java.util.List;
import java.util.Map;

/**
 * The suite's feeder files, read and checked before any load, in Maven's JVM (the settings check) and again in
 * Gatling's, whose feeders then draw these rows: a bad row stops the run with its one line, never a stack trace.
 *
 * @param prompts prompt, max_tokens (Integer), kind, weight (Double)
 * @param users username, provider
 * @param voices voice (its id), voice_name, text
 */
public record FeederData(List<Map<String, Object>> prompts, List<Map<String, Object>> users,
    List<Map<String, Object>> voices) {

  /** The largest max_tokens a prompt row may ask for: a generous context window's output. */
  public static final int MAX_TOKENS_LIMIT = 32_768;

  public static final DataFile PROMPTS = new DataFile("data/prompts.csv", Column.text("prompt"),
      Column.wholeNumber("max_tokens", 1, MAX_TOKENS_LIMIT), Column.text("kind"), Column.weight("weight"));
  public static final DataFile USERS = new DataFile("data/users.csv", Column.text("username"),
      Column.text("provider"));
  public static final DataFile VOICES = new DataFile("data/voices.csv", Column.text("voice"),
      Column.text("voice_name"), Column.text("text"));

  private static volatile FeederData shipped;

  /** The files on the classpath, read once: every later call gets the same rows. */
  public static FeederData shipped() {
    FeederData data = shipped;
    if (data == null) {
      synchronized (FeederData.class) {
        data = shipped;
        if (data == null) {
          data = new FeederData(weighted(PROMPTS, PROMPTS.read()), USERS.read(), VOICES.read());
          shipped = data;
        }
      }
    }
    return data;
  }

  /** The rows of a file drawn by weight, refused when no row can be drawn. */
  static List<Map<String, Object>> weighted(DataFile file, List<Map<String, Object>> rows) {
    if (rows.stream().allMatch(row -> (Double) row.get("weight") == 0)) {
      throw new DataError(file.path() + ": every weight is 0: expected at least one row with a weight above 0");
    }
    return rows;
  }

  /** The largest max_tokens of the prompts: sizes the stream event buffers. */
  public int maxOutputTokens() {
    return prompts.stream().mapToInt(row -> (Integer) row.get("max_tokens")).max().orElseThrow();
  }
}
