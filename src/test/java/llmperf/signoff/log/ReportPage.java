package llmperf.signoff.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The stats table of one {@code req_*.html} or {@code group_*.html} page of a Gatling 3.15.1 report: row title (e.g.
 * "Total count", "Min", "95th percentile") to its Total / OK / KO cells, as printed ("-" for a column without
 * values). Test support: it is how the tests hold the reader against what Gatling itself reported.
 */
record ReportPage(Path file, Map<String, List<String>> rows) {

  private static final Pattern ROW = Pattern.compile("<td class=\"title\">(.*?)</td>\\s*<td class=\"total\">(.*?)</td>"
      + "\\s*<td class=\"ok\">(.*?)</td>\\s*<td class=\"ko\">(.*?)</td>", Pattern.DOTALL);
  private static final String PATH_SEPARATOR = " / ";

  static ReportPage read(Path file) throws IOException {
    Matcher row = ROW.matcher(Files.readString(file));
    Map<String, List<String>> rows = new LinkedHashMap<>();
    while (row.find()) {
      rows.put(row.group(1), List.of(row.group(2), row.group(3), row.group(4)));
    }
    return new ReportPage(file, rows);
  }

  /** The page of the request {@code name} inside {@code groups}. */
  static Path requestPageFile(Path runFolder, List<String> groups, String name) {
    return runFolder.resolve("req_" + fileName(String.join(PATH_SEPARATOR, concat(groups, name))) + ".html");
  }

  /** The page of the group whose full path (outermost first) is {@code groups}. */
  static Path groupPageFile(Path runFolder, List<String> groups) {
    return runFolder.resolve("group_" + fileName(String.join(PATH_SEPARATOR, groups)) + ".html");
  }

  /**
   * Gatling's page naming (gatling-charts {@code FileNamingConventions} over {@code RequestPath.path}): the path
   * joined with " / ", trimmed, cleaned to [a-z0-9-] and cut to 15 characters, then "-" and the path's hash code,
   * which keeps two paths with the same prefix apart.
   */
  private static String fileName(String path) {
    String trimmed = path.trim().isEmpty() ? "missing_name" : path.trim();
    String clean = Normalizer.normalize(trimmed, Normalizer.Form.NFD).toLowerCase(Locale.ROOT)
        .replaceAll("\\p{InCombiningDiacriticalMarks}+", "-")
        .replaceAll("[^a-zA-Z0-9\\-]", "-");
    return clean.substring(0, Math.min(15, clean.length())) + "-" + trimmed.hashCode();
  }

  private static List<String> concat(List<String> groups, String name) {
    return Stream.concat(groups.stream(), Stream.of(name)).toList();
  }
}
