package llmperf.signoff.trends;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * results/history.jsonl: one {@link HistoryLine} per signed-off run, appended, never rewritten. It is read whole, a line
 * that cannot be read is left out and said, so that one damaged line costs its own run and not the trends of all.
 *
 * @param lines the lines read, oldest first
 * @param unreadable each line left out: its number and why
 */
public record History(List<HistoryLine> lines, List<String> unreadable) {

  public static final String FILE = "history.jsonl";

  /** The history file of a results folder: results/history.jsonl for runs of the QA command. */
  public static Path fileOf(Path resultsFolder) {
    return resultsFolder.resolve(FILE);
  }

  public static void append(Path resultsFolder, HistoryLine line) throws IOException {
    Files.writeString(fileOf(resultsFolder), line.toJson() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** Every line of the results folder's history; none when it has no history yet. */
  public static History read(Path resultsFolder) throws IOException {
    Path file = fileOf(resultsFolder);
    List<HistoryLine> lines = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return new History(lines, unreadable);
    }
    List<String> texts = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i).isBlank()) {
        continue;
      }
      try {
        lines.add(HistoryLine.parse(texts.get(i)));
      } catch (IllegalArgumentException e) {
        unreadable.add("line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return new History(lines, unreadable);
  }
}
