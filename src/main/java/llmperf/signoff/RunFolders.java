package llmperf.signoff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Finds the folder Gatling wrote a run into: {@code <simulation class, lower case>-<timestamp>}. */
public final class RunFolders {

  private RunFolders() {}

  /** The newest run folder of the simulation created at or after {@code notBefore}, or null. */
  public static Path newest(Path results, String simulationClass, long notBefore) {
    String prefix = simulationClass.toLowerCase() + "-";
    try (Stream<Path> folders = Files.list(results)) {
      return folders
          .filter(folder -> folder.getFileName().toString().startsWith(prefix))
          .filter(folder -> Files.isRegularFile(folder.resolve("simulation.log")))
          .filter(folder -> folder.toFile().lastModified() >= notBefore - 1000)
          .max(Comparator.comparing(folder -> folder.getFileName().toString()))
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }
}
