package llmperf.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What to run: the concurrency levels; per level its length, the discarded warm-up at its start and the
 * deadline for its last streams to end; and an unreported first round that lets the JIT compile the hot
 * paths (without it the first level measures the interpreter).
 */
record CapacityOptions(List<Integer> levels, Duration duration, Duration warmup, Duration drain,
    Duration jvmWarmup) {

  private static final String USAGE = "arguments: [--levels 50,100,...] [--seconds 10] [--warmup 2] "
      + "[--drain 10] [--jvm-warmup 10] (whole seconds; warmup < seconds)";

  static CapacityOptions parse(String[] args) {
    List<Integer> levels = List.of(50, 100, 200, 400, 800, 1600, 3200);
    long seconds = 10;
    long warmup = 2;
    long drain = 10;
    long jvmWarmup = 10;
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException(USAGE);
    }
    try {
      for (int i = 0; i < args.length; i += 2) {
        String value = args[i + 1];
        switch (args[i]) {
          case "--levels" -> levels = Arrays.stream(value.split(",")).map(String::trim)
              .map(Integer::valueOf).toList();
          case "--seconds" -> seconds = Long.parseLong(value);
          case "--warmup" -> warmup = Long.parseLong(value);
          case "--drain" -> drain = Long.parseLong(value);
          case "--jvm-warmup" -> jvmWarmup = Long.parseLong(value);
          default -> throw new IllegalArgumentException(USAGE);
        }
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(USAGE, e);
    }
    if (levels.isEmpty() || levels.stream().anyMatch(n -> n < 1) || warmup < 0 || seconds <= warmup
        || drain < 1 || jvmWarmup < 0) {
      throw new IllegalArgumentException(USAGE);
    }
    return new CapacityOptions(levels, Duration.ofSeconds(seconds), Duration.ofSeconds(warmup),
        Duration.ofSeconds(drain), Duration.ofSeconds(jvmWarmup));
  }

  /** Every round ends by its own drain deadline, so the whole run ends by the sum of them. */
  Duration overallTimeout() {
    return jvmWarmup.plus(drain).plus(duration.plus(drain).multipliedBy(levels.size()));
  }
}
