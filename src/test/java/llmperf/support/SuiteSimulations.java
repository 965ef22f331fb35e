package llmperf.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The simulation names the pom accepts for -Dsimulation (its simulation.names property, separated by |). */
public final class SuiteSimulations {

  private SuiteSimulations() {}

  public static Set<String> names() {
    try {
      Matcher names = Pattern.compile("<simulation\\.names>([^<]*)</simulation\\.names>")
          .matcher(Files.readString(Path.of("pom.xml")));
      if (!names.find()) {
        throw new IllegalStateException("pom.xml has no simulation.names property");
      }
      return Stream.of(names.group(1).split("\\|")).collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
