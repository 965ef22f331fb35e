package llmperf.signoff.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmperf.budgets.Regression;
import llmperf.config.ConfigError;

/**
 * A stored reference run of one simulation at one scale: each row's p95, sample count and its OK samples (bounded,
 * {@link KeptSamples}), from which the p95's change is drawn as an interval. Baselines live in results/baselines/
 * (kept in git) and change only through {@code SignOffCommand}'s "save-baseline".
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

  /**
   * @param p99 for the file's reader (the regression checks use the p95); 0 in a baseline saved before it was kept
   * @param samples the row's kept OK samples ({@link KeptSamples}); null in a baseline saved before they were kept
   */
  public record Row(List<String> path, long count, long p95, long p99, String samples) {}

  public static Path fileFor(String simulation, String scale) {
    return folder().resolve(simulation.toLowerCase() + "-" + scale + ".json");
  }

  /** The stored baseline of this simulation and scale, or null when there is none. */
  public static Baseline load(String simulation, String scale) {
    Path file = fileFor(simulation, scale);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Baseline baseline;
    try {
      baseline = JSON.readValue(file.toFile(), Baseline.class).withFile(file.toString());
    } catch (IOException e) {
      throw new ConfigError(file + " is not a readable baseline (" + e.getMessage().lines().findFirst().orElse("")
          + "): save it again with the save-baseline command");
    }
    for (Row row : baseline.rows()) {
      try {
        KeptSamples.read(row.samples());
      } catch (IllegalArgumentException e) {
        throw new ConfigError(file + ", row " + String.join(" / ", row.path()) + ": " + e.getMessage()
            + ": save it again with the save-baseline command");
      }
    }
    return baseline;
  }

  /**
   * The p95 of each row whose kept samples bound it ({@link Regression#MIN_SAMPLES}): the rows a run is compared
   * on.
   */
  public Map<List<String>, Long> comparable() {
    Map<List<String>, Long> p95s = new LinkedHashMap<>();
    samples().forEach((path, kept) -> {
      if (kept.count() >= Regression.MIN_SAMPLES) {
        p95s.putIfAbsent(path, rows.stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow().p95());
      }
    });
    return p95s;
  }

  /** The kept samples of every row that has them. */
  Map<List<String>, Durations> samples() {
    Map<List<String>, Durations> samples = new LinkedHashMap<>();
    rows.stream().filter(row -> row.samples() != null)
        .forEach(row -> samples.putIfAbsent(row.path(), KeptSamples.read(row.samples())));
    return samples;
  }

  /** This run as a baseline: its rows, with the samples its sign-off kept, and the server's own figures it kept. */
  public static Baseline from(Summary summary, String runFolder) {
    if (summary.baseline() == null || summary.baseline().samples() == null
        || summary.baseline().samples().isEmpty()) {
      throw new IllegalArgumentException(runFolder + "'s summary.json keeps no samples of its rows (a run of an"
          + " earlier version, or one without a compared row): a baseline needs them to draw intervals from");
    }
    Map<List<String>, KeptSamples.Row> kept = new LinkedHashMap<>();
    summary.baseline().samples().forEach(row -> kept.put(row.path(), row));
    List<Row> rows = new ArrayList<>();
    for (Summary.RowStats r : summary.rows()) {
      KeptSamples.Row samples = kept.remove(r.path());
      rows.add(new Row(r.path(), r.count(), r.p95(), r.p99(), samples == null ? null : samples.values()));
    }
    kept.values().forEach(k -> {
      Durations values = KeptSamples.read(k.values());
      rows.add(new Row(k.path(), k.count(), values.percentile(95), values.percentile(99), k.values()));
    });
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
