package llmperf.signoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import llmperf.config.ConfigError;

/**
 * A stored reference run of one simulation at one scale: the p95 and sample count of each row. Baselines live in
 * results/baselines/ (kept in git) and change only through {@link SignOffCommand}'s "save-baseline".
 *
 * @param file where it was read from
 * @param savedFrom the run folder it was taken from
 */
public record Baseline(String file, String simulation, String scale, String savedFrom, String gitCommit,
    List<Row> rows) {

  /** results/baselines; tests point -Dllmperf.baselines elsewhere so they never touch the kept ones. */
  public static Path folder() {
    return Path.of(System.getProperty("llmperf.baselines", "results/baselines"));
  }

  /**
   * A p95 must worsen by more than this as well as by the threshold to be a regression: on 2 cores shared by
   * Gatling and the embedded target, a 25 ms REST row's p95 was seen to move by up to 13 ms between two runs of
   * an unchanged target, while a real TTFT regression of +30 % on a 100 ms row moves it by 30 ms.
   */
  public static final long NOISE_FLOOR_MS = 15;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public record Row(List<String> path, long count, long p95) {}

  public static Path fileFor(String simulation, String scale) {
    return folder().resolve(simulation.toLowerCase() + "-" + scale + ".json");
  }

  /** The stored baseline of this simulation and scale, or null when there is none. */
  public static Baseline load(String simulation, String scale) {
    Path file = fileFor(simulation, scale);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return JSON.readValue(file.toFile(), Baseline.class).withFile(file.toString());
    } catch (IOException e) {
      throw new ConfigError(file + " is not a readable baseline (" + e.getMessage().lines().findFirst().orElse("")
          + "): save it again with the save-baseline command");
    }
  }

  /** The largest p95 that is not a regression: the baseline's p95 plus the threshold (and the noise floor). */
  public static long allowedP95(long baselineP95, double thresholdPercent) {
    return Math.max((long) Math.floor(baselineP95 * (1 + thresholdPercent / 100)), baselineP95 + NOISE_FLOOR_MS);
  }

  static Baseline from(Summary summary, String runFolder) {
    List<Row> rows = summary.rows().stream().map(r -> new Row(r.path(), r.count(), r.p95())).toList();
    return new Baseline(null, summary.run().simulation(), summary.run().scale(), runFolder,
        summary.run().gitCommit(), rows);
  }

  Path save() {
    Path file = fileFor(simulation, scale);
    try {
      Files.createDirectories(file.getParent());
      JSON.writeValue(file.toFile(), this);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Baseline withFile(String path) {
    return new Baseline(path, simulation, scale, savedFrom, gitCommit, rows);
  }
}
