package llmperf.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import llmperf.config.ConfigError;
import llmperf.config.PromptSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synthetic prompts sized by a local tokenizer.json (a word-level one over the synthetic prompts' words, where every
 * word is a token): exactly the asked tokens, the overhead counted by the rule; a bad file is one line.
 */
class TokenizerFileTest {

  static final String WORDS = "src/test/resources/tokenizers/words.json";
  private static final String EXPECTED = "expected the path of a local Hugging Face tokenizer.json";

  private static PromptSettings.Synthetic synthetic(double inputStddev, int prefix, int groups) {
    return new PromptSettings.Synthetic(new PromptSettings.Lengths(300, inputStddev, 40, 2000),
        new PromptSettings.Lengths(20, 8, 5, 40), prefix, groups, true);
  }

  private static int words(Object prompt) {
    return ((String) prompt).split(" ").length;
  }

  @Test
  void aPromptHasExactlyTheAskedTokensLessTheOverheadByTheRule() {
    TokenizerFile tokenizer = TokenizerFile.of(WORDS);
    SyntheticPrompts prompts = new SyntheticPrompts(synthetic(120, 0, 1), tokenizer, 1, "story stream", 35);
    for (int i = 0; i < 20; i++) {
      Map<String, Object> row = prompts.next();
      int asked = (int) row.get("prompt_tokens");
      // 35 characters of system prompt are 9 tokens by the rule.
      assertEquals(asked - 9, words(row.get("prompt")), "tokens of " + row);
      assertEquals(asked, tokenizer.count((String) row.get("prompt"), 35));
      assertEquals("tokenizer words.json", row.get(PromptTokens.COUNTED_BY));
    }
  }

  @Test
  void promptsOfOneGroupShareTheirFirstTokensAndNoMore() {
    SyntheticPrompts prompts = new SyntheticPrompts(synthetic(0, 100, 3), TokenizerFile.of(WORDS), 1, "story stream", 0);
    Map<String, List<String>> byPrefix = new HashMap<>();
    for (int i = 0; i < 60; i++) {
      String[] words = ((String) prompts.next().get("prompt")).split(" ");
      byPrefix.computeIfAbsent(String.join(" ", List.of(words).subList(0, 100)), p -> new ArrayList<>())
          .add(String.join(" ", List.of(words).subList(100, words.length)));
    }
    assertEquals(3, byPrefix.size(), "one prefix per group");
    byPrefix.values().forEach(rests -> assertNotEquals(rests.get(0), rests.get(1)));
  }

  @Test
  void aDatasetPromptIsCountedByTheTokenizer() {
    assertEquals(3 + 2, TokenizerFile.of(WORDS).count("Tell me, please!", 5));
  }

  @Test
  void aMissingFileADirectoryOrAFileThatIsNoTokenizerIsOneLine(@TempDir Path folder) throws Exception {
    String missing = folder.resolve("tokenizer.json").toString();
    assertEquals("prompts.tokenizer = \"" + missing + "\": no such file: " + EXPECTED,
        assertThrows(ConfigError.class, () -> TokenizerFile.of(missing)).getMessage());
    assertEquals("prompts.tokenizer = \"" + folder + "\": not a file: " + EXPECTED,
        assertThrows(ConfigError.class, () -> TokenizerFile.of(folder.toString())).getMessage());
    Path notJson = Files.writeString(folder.resolve("notes.txt"), "vocab: the, a, of\n");
    String line = assertThrows(ConfigError.class, () -> TokenizerFile.of(notJson.toString())).getMessage();
    assertTrue(line.startsWith("prompts.tokenizer = \"" + notJson + "\": not a Hugging Face tokenizer.json ("), line);
    assertEquals(1, line.lines().count(), line);
  }
}
