package llmperf.gatling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The assertion table of a run's index.html (Gatling 3.15.1's layout): each assertion's text and whether it
 * held. Since Gatling 3.13.5 the report has no machine-readable assertions file, so the sign-off and the tests read it from the HTML.
 */
public final class GatlingAssertions {

  private static final Pattern ROW = Pattern.compile(
      "<td class=\"error-col-1 (ok|ko) total\">\\s*(.*?)\\s*<span class=\"value\"", Pattern.DOTALL);

  private GatlingAssertions() {}

  /** Assertion text (e.g. "chat-sse / ttft: 95th percentile of response time is less than 500.0") to outcome. */
  public static Map<String, Boolean> of(Path runFolder) {
    try {
      Matcher row = ROW.matcher(Files.readString(runFolder.resolve("index.html")));
      Map<String, Boolean> outcomes = new LinkedHashMap<>();
      while (row.find()) {
        outcomes.put(row.group(2).replace("&#x2F;", "/").replace("&amp;", "&"), row.group(1).equals("ok"));
      }
      return outcomes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
