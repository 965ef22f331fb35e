package llmperf.signoff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The commit the suite runs from: CI's GITHUB_SHA, else read from .git without running git. */
final class GitCommit {

  private GitCommit() {}

  static String current() {
    String fromCi = System.getenv("GITHUB_SHA");
    if (fromCi != null && !fromCi.isBlank()) {
      return fromCi;
    }
    try {
      Path git = Path.of(".git");
      String head = Files.readString(git.resolve("HEAD")).trim();
      if (!head.startsWith("ref: ")) {
        return head;
      }
      Path ref = git.resolve(head.substring(5));
      if (Files.isRegularFile(ref)) {
        return Files.readString(ref).trim();
      }
      Path packed = git.resolve("packed-refs");
      if (Files.isRegularFile(packed)) {
        return Files.readAllLines(packed).stream().filter(line -> line.endsWith(" " + head.substring(5)))
            .map(line -> line.substring(0, line.indexOf(' '))).findFirst().orElse("unknown");
      }
      return "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }
}
