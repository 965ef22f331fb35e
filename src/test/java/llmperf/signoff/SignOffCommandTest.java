package llmperf.signoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import llmperf.signoff.analysis.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare and merge on run folders written without Gatling; bad input is one line and status 1. */
class SignOffCommandTest {

  private static final long START = 1_700_000_000_000L;

  /** What a command printed and returned. */
  private record Ran(int status, String out, String err) {}

  private static Ran run(Object... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = SignOffCommand.run(Stream.of(args).map(String::valueOf).toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Ran(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Path written(Path results, String folder, String scale, long start, int journeys, long ttftMs,
      int failed) throws IOException {
    return WrittenRuns.write(results, folder, WrittenRuns.plan(scale, journeys, 1), start, journeys, ttftMs, failed);
  }

  @Test
  void compareHoldsBAgainstAAsItsBaselineRowByRow(@TempDir Path results) throws IOException {
    Path a = written(results, "written-20261201000000000", "ci", START, 100, 100, 0);
    Path same = written(results, "written-20261201000100000", "ci", START + 60_000, 100, 104, 0);
    Path slower = written(results, "written-20261201000200000", "ci", START + 120_000, 100, 150, 0);

    Ran held = run("compare", a, same);
    assertEquals(0, held.status(), held.err());
    assertTrue(held.out().contains("| chat-sse / ttft | 100 | 104 | +4 % | +4 % to +4 % | +15 % | holds |"), held.out());
    assertTrue(held.out().endsWith("0 of 4 compared rows regressed.\n"), held.out());

    Ran regressed = run("compare", a, slower);
    assertTrue(regressed.out().startsWith("B against A as its baseline, Written at scale ci:\n  A: " + a), regressed.out());
    assertTrue(regressed.out().contains("| chat-sse / ttft | 100 | 150 | +50 % | +50 % to +50 % | +15 % | REGRESSION |"),
        regressed.out());
  }

  @Test
  void compareRefusesFoldersItCannotJudgeInOneLine(@TempDir Path results) throws IOException {
    Path a = written(results, "written-20261201000000000", "ci", START, 40, 100, 0);
    Path nightly = written(results, "written-20261201000100000", "nightly", START, 40, 100, 0);
    Path empty = Files.createDirectories(results.resolve("empty"));
    assertRefused(run("compare", a, nightly), a + " is a run of Written at scale ci, " + nightly
        + " of Written at scale nightly: compare runs of one simulation and scale");
    assertRefused(run("compare", empty, a), empty + " has no summary.json: pass the folder of a finished run");
    assertRefused(run("compare", a, empty), empty + " has no simulation.log: pass the folder of a finished run");
    assertRefused(run("compare", a), "usage: save-baseline <run folder> | history [simulation] | compare <run folder"
        + " A> <run folder B> | merge <run folder> <run folder>...");
  }

  /**
   * Two generators' halves of one run, interleaved on one clock, merge into the counts of both, the planned journeys
   * of both, both generators' rows, and the verdict of the whole; one generator's failures fail the merged run.
   */
  @Test
  void mergeJudgesTwoGeneratorsAsOneRun(@TempDir Path results) throws IOException {
    Path one = written(results, "written-20261201000000000", "ci", START, 40, 100, 0);
    Path two = written(results, "written-20261201000000050", "ci", START + 50, 40, 100, 0);
    Ran merged = run("merge", one, two);
    assertEquals(0, merged.status(), merged.err() + merged.out());
    Path folder = mergedFolder(results);
    Summary summary = WrittenRuns.summary(folder);
    assertTrue(summary.passed(), summary.reasons().toString());
    assertTrue(merged.out().startsWith("Sign-off: PASS  " + folder.resolve("signoff.html")), merged.out());
    assertEquals(80, row(summary, "chat-sse / end-to-end").count());
    assertEquals(80, row(summary, "chat-sse / login").count());
    assertEquals("journeys completed OK / 80 planned", summary.budgets().get(2).path());
    assertEquals(80 * 1000, summary.streaming().get(0).outputTokens(), "the stream tallies added up");
    assertEquals(START, summary.run().startEpochMs());
    assertEquals(List.of(one.getFileName() + ": figures reliable", two.getFileName() + ": figures reliable"),
        summary.generators().stream().map(Summary.Generator::verdict).toList());
    assertEquals("../" + one.getFileName() + "/index.html", summary.run().gatlingReport());
    for (String file : List.of("summary.json", "signoff.html", "summary.md")) {
      assertTrue(Files.isRegularFile(folder.resolve(file)), file);
    }
    assertTrue(Files.readString(folder.resolve("signoff.html")).contains(two.getFileName() + ": figures reliable"));

    Path failing = written(results, "written-20261201000000070", "ci", START + 70, 40, 100, 4);
    Ran failed = run("merge", one, failing);
    assertEquals(SignOffVerdict.FAILED_STATUS, failed.status());
    assertTrue(failed.out().contains("FAIL budgets.all.error-rate-percent on global: 2.5 % (limit 1 %)"), failed.out());
  }

  @Test
  void mergeRefusesFoldersOfAnotherRunInOneLine(@TempDir Path results) throws IOException {
    Path one = written(results, "written-20261201000000000", "ci", START, 20, 100, 0);
    Path nightly = written(results, "written-20261201000000001", "nightly", START, 20, 100, 0);
    Path noPlan = written(results, "written-20261201000000002", "ci", START, 20, 100, 0);
    Files.delete(noPlan.resolve(RunPlanFile.NAME));
    Path noLog = Files.createDirectories(results.resolve("nothing"));
    assertRefused(run("merge", one, nightly), nightly + " is a run of Written at scale nightly, " + one
        + " of Written at scale ci: merge the runs of one simulation and scale");
    assertRefused(run("merge", one, noPlan), noPlan + " has no runplan.json (runs signed off before the plan was"
        + " saved have none): it cannot be judged again");
    assertRefused(run("merge", one, noLog), noLog + " has no simulation.log: pass the run folder of each load"
        + " generator");
    assertRefused(run("merge", one, one), one + " is given twice: each load generator's folder counts once");
    assertRefused(run("merge", one), "merge needs the run folders of two load generators or more");
  }

  private static void assertRefused(Ran ran, String line) {
    assertEquals(SignOffCommand.REFUSED_STATUS, ran.status());
    assertEquals(line + "\n", ran.err());
    assertFalse(ran.out().contains("Exception"), ran.out());
  }

  private static Summary.RowStats row(Summary summary, String name) {
    return summary.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  private static Path mergedFolder(Path results) throws IOException {
    try (Stream<Path> folders = Files.list(results)) {
      return folders.filter(f -> f.getFileName().toString().startsWith("written-merged-")).findFirst().orElseThrow();
    }
  }
}
