package llmperf.signoff.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmperf.budgets.Regression;
import llmperf.config.ConfigError;

/**
 * A stored reference run of one simulation at one scale: the p95 and sample count of each row. Baselines live in
 * results/baselines/ (kept in git) and change only through {@code SignOffCommand}'s "save-baseline".
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

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** @param p99 for the file's reader (the regression checks use the p95); 0 in a baseline saved before it was kept */
  public record Row(List<String> path, long count, long p95, long p99) {}

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

  /** What the baseline measured of each row it measured well enough ({@link Regression#MIN_BASELINE_SAMPLES}). */
  public Map<List<String>, Long> comparable() {
    Map<List<String>, Long> p95s = new LinkedHashMap<>();
    rows.stream().filter(row -> row.count() >= Regression.MIN_BASELINE_SAMPLES)
        .forEach(row -> p95s.putIfAbsent(row.path(), row.p95()));
    return p95s;
  }

  public static Baseline from(Summary summary, String runFolder) {
    List<Row> rows = summary.rows().stream().map(r -> new Row(r.path(), r.count(), r.p95(), r.p99())).toList();
    return new Baseline(null, summary.run().simulation(), summary.run().scale(), runFolder,
        summary.run().gitCommit(), rows);
  }

  public Path save() {
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
