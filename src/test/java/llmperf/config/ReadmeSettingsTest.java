package llmperf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import llmperf.support.CommandLineProperties;
import org.junit.jupiter.api.Test;

/** Every -D example the README gives for the suite's settings is one the suite accepts. */
class ReadmeSettingsTest {

  private static final Pattern FENCED = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern INLINE = Pattern.compile("`([^`]+)`");

  /** One example: the -D settings of one command line or one inline code span, taken together. */
  private static List<Map<String, String>> examples(String readme) {
    List<String> commands = new ArrayList<>();
    Matcher fenced = FENCED.matcher(readme);
    while (fenced.find()) {
      commands.addAll(List.of(fenced.group(1).replace("\\\n", " ").split("\n")));
    }
    Matcher inline = INLINE.matcher(FENCED.matcher(readme).replaceAll(""));
    while (inline.find()) {
      commands.add(inline.group(1));
    }
    List<Map<String, String>> examples = new ArrayList<>();
    for (String command : commands) {
      List<Map<String, String>> alternatives = new ArrayList<>(List.of(new LinkedHashMap<>()));
      for (CommandLineProperties.Property setting : CommandLineProperties.in(command)) {
        String key = setting.key();
        String value = setting.value();
        // A bare key or an empty value ("-Dscale=") names a setting in prose; it is not an example of one.
        if (value == null || value.isEmpty() || !SuiteConfig.ROOTS.contains(key.split("\\.", 2)[0])) {
          continue;
        }
        // "-Dscale=ci|nightly|release": each alternative is an example of its own
        List<Map<String, String>> next = new ArrayList<>();
        for (Map<String, String> example : alternatives) {
          for (String alternative : value.split("\\|")) {
            Map<String, String> with = new LinkedHashMap<>(example);
            with.put(key, alternative);
            next.add(with);
          }
        }
        alternatives = next;
      }
      alternatives.stream().filter(example -> !example.isEmpty()).forEach(examples::add);
    }
    return examples;
  }

  @Test
  void everyExampleIsAccepted() throws IOException {
    List<Map<String, String>> examples = examples(Files.readString(Path.of("README.md")));
    assertTrue(examples.size() >= 6, "the README's examples were found: " + examples);
    List<String> refused = new ArrayList<>();
    for (Map<String, String> example : examples) {
      try {
        SuiteConfig.load(example, Map.of());
      } catch (ConfigError error) {
        refused.add(example + ": " + error.getMessage());
      }
    }
    assertEquals(List.of(), refused);
  }

  @Test
  void findsTheSettingsOfACommandTogether() {
    assertEquals(List.of(Map.of("mix.chat.chat-sse", "50", "mix.chat.chat-ws", "50"), Map.of("scale", "ci"),
        Map.of("scale", "nightly")), examples("```bash\nmvn gatling:test -Dmix.chat.chat-sse=50 \\\n"
        + "  -Dmix.chat.chat-ws=50 -Dgatling.foo=1\n```\nthen `-Dscale=ci|nightly`"));
  }
}
