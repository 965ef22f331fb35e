package llmperf.config;

/**
 * The Replay simulation's settings (replay.*): which Mooncake-format trace to replay, how much faster than its own
 * timestamps, and how many tokens each of its hash ids stands for.
 *
 * @param trace a JSONL file: a path, or a resource of the suite's test resources (data/traces/...)
 * @param speed the timestamps are divided by it: 2 replays the trace in half its time
 * @param blockTokens tokens per hash id (Mooncake's traces: 512)
 */
public record ReplaySettings(String trace, double speed, int blockTokens) {

  static ReplaySettings read(ConfigReader reader) {
    return new ReplaySettings(
        reader.nonEmptyString("replay.trace", "expected the path of a Mooncake-format JSONL trace"),
        reader.number("replay.speed", 0.001, 1000, "expected a factor above 0 and at most 1000 (1 = the trace's pace)"),
        (int) reader.integer("replay.block-tokens", 1, 1_000_000));
  }
}
