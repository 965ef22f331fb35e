package llmperf.signoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import llmperf.signoff.analysis.Baseline;
import llmperf.signoff.analysis.RunAnalysis;
import llmperf.signoff.analysis.RunPlan;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.render.SignOffJunit;
import llmperf.signoff.render.SignOffMarkdown;
import llmperf.signoff.render.SignOffPage;

/**
 * Writes a run's sign-off next to Gatling's index.html: summary.json (machine-readable), signoff.html (the one
 * page a release reviewer reads), summary.md (for CI job pages) and signoff-junit.xml (for CI test results), and
 * appends the run to the history.
 */
public final class SignOff {

  /** The history file of a results folder: results/history.jsonl for runs of the QA command. */
  public static Path historyOf(Path resultsFolder) {
    return resultsFolder.resolve("history.jsonl");
  }
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SignOff() {}

  public static Summary write(Path runFolder, RunPlan plan) throws IOException {
    Summary summary = RunAnalysis.summarize(runFolder.resolve("simulation.log"), plan, GitCommit.current(),
        Baseline.load(plan.simulation(), plan.scale()));
    JSON.writeValue(runFolder.resolve("summary.json").toFile(), summary);
    Files.writeString(runFolder.resolve("signoff.html"), SignOffPage.render(summary), StandardCharsets.UTF_8);
    Files.writeString(runFolder.resolve("summary.md"), SignOffMarkdown.render(summary), StandardCharsets.UTF_8);
    Files.writeString(runFolder.resolve(SignOffJunit.FILE), SignOffJunit.render(summary), StandardCharsets.UTF_8);
    appendHistory(summary, runFolder);
    return summary;
  }

  /** One line per run: the headline figures, for a table per commit (see SignOffCommand history). */
  private static void appendHistory(Summary summary, Path runFolder) throws IOException {
    ObjectNode line = JSON.createObjectNode();
    line.put("commit", summary.run().gitCommit());
    line.put("simulation", summary.run().simulation());
    line.put("scale", summary.run().scale());
    line.put("start", summary.run().startEpochMs());
    line.put("passed", summary.passed());
    line.put("run", runFolder.getFileName().toString());
    summary.budgets().stream().filter(b -> b.path().equals("global")).findFirst()
        .ifPresent(b -> line.put("error_percent", b.actual()));
    line.put("output_tokens_per_s", summary.streaming().stream()
        .mapToDouble(Summary.Streaming::systemOutputTokensPerSecond).sum());
    ObjectNode streams = line.putObject("p95");
    summary.streaming().forEach(s -> {
      streams.put(s.journey() + " ttft", s.ttft().p95());
      streams.put(s.journey() + " end-to-end", s.endToEnd().p95());
    });
    summary.audio().forEach(a -> streams.put(a.journey() + " first-audio-byte", a.firstAudioByte().p95()));
    Files.writeString(historyOf(runFolder.getParent()), new ObjectMapper().writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
