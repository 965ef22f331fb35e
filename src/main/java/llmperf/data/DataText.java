package llmperf.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A data file's text: a file path, or else a resource of the thread's context class loader (the suite's test resources). */
final class DataText {

  private DataText() {}

  /**
   * @param expected what the missing file should have been, for the one line: "a JSONL file of conversations"
   * @param key the setting that names the file
   */
  static String read(String path, String expected, String key) {
    try {
      Path file = Path.of(path);
      if (Files.isRegularFile(file)) {
        return Files.readString(file, StandardCharsets.UTF_8);
      }
      try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
        if (in == null) {
          throw new DataError(path + " is missing: expected " + expected + " at that path or under src/test/resources ("
              + key + ")");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new DataError(path + " could not be read: " + e.getMessage());
    }
  }
}
