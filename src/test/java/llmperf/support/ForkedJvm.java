package llmperf.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A main class run in a JVM of its own, as a user's command runs it: its exit status and its console. */
public final class ForkedJvm {

  private ForkedJvm() {}

  /**
   * Runs {@code mainClass} with {@code settings} (-D options) on {@code classpath}, its console kept in
   * {@code folder}; bounded to a minute.
   *
   * @return "exit N", then the console's lines
   */
  public static List<String> run(String classpath, Class<?> mainClass, Path folder, String... settings)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath));
    command.addAll(List.of(settings));
    command.add(mainClass.getName());
    Path console = folder.resolve("console.txt");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile()).start();
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(mainClass.getSimpleName() + " did not end within a minute");
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(console));
    lines.add(0, "exit " + process.exitValue());
    return lines;
  }
}
