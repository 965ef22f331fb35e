package llmperf.suitetest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/extending.md's worked example cannot rot: every code block it marks {@code <!-- from: FILE -->} appears
 * verbatim in that file, so the guide shows the code that compiles and that SmokeIT runs.
 */
class ExtendingGuideTest {

  private static final Pattern QUOTED = Pattern.compile("<!-- from: (\\S+) -->\\n```\\w*\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyQuotedBlockIsInTheFileItNames() throws IOException {
    Matcher quoted = QUOTED.matcher(Files.readString(Path.of("docs", "extending.md")));
    List<String> checked = new ArrayList<>();
    while (quoted.find()) {
      Path file = Path.of(quoted.group(1));
      assertTrue(Files.isRegularFile(file), "docs/extending.md quotes " + file + ", which does not exist");
      assertTrue(Files.readString(file).contains(quoted.group(2)),
          "docs/extending.md quotes a block that is no longer in " + file + ":\n" + quoted.group(2));
      checked.add(file.toString());
    }
    assertTrue(checked.size() >= 5, "the worked example's endpoint, journey, settings and route: " + checked);
  }
}
