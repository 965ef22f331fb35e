package llmperf.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import llmperf.config.PromptSettings;
import org.junit.jupiter.api.Test;

class DatasetTest {

  private static final String FILE = "data/datasets/test.jsonl";
  private static final PromptTokens RULE = CharsPerToken.rule(CharsPerToken.RULE);
  private static final PromptSettings.Dataset SAMPLE =
      new PromptSettings.Dataset("data/datasets/sample-conversations.jsonl", 512);

  private static String refused(String text) {
    return assertThrows(DataError.class, () -> Dataset.parse(FILE, text, 512)).getMessage();
  }

  @Test
  void readsBothShapesLineByLineWithTheNextRepliesLengthAsMaxTokens() {
    String shareGpt = "{\"conversations\": [{\"from\": \"system\", \"value\": \"Be brief.\"},"
        + " {\"from\": \"human\", \"value\": \"Hi\"}, {\"from\": \"gpt\", \"value\": \"Hello there\"},"
        + " {\"from\": \"human\", \"value\": \"Bye\"}]}";
    String openAi = "{\"messages\": [{\"role\": \"user\", \"content\": \"One\"}, {\"role\": \"user\","
        + " \"content\": \"Two\"}, {\"role\": \"assistant\", \"content\": \"" + "x".repeat(5000) + "\"}]}";
    Dataset dataset = Dataset.parse(FILE, shareGpt + "\n\n" + openAi + "\n", 512);
    assertEquals(List.of(
        new Dataset.Conversation(1, List.of(new Dataset.Turn("Hi", 3), new Dataset.Turn("Bye", 512))),
        new Dataset.Conversation(3, List.of(new Dataset.Turn("One", 512), new Dataset.Turn("Two", 512)))),
        dataset.conversations());
    assertEquals(1, Dataset.parse(FILE, "{\"messages\": [{\"role\": \"user\", \"content\": \"a\"},"
        + " {\"role\": \"assistant\", \"content\": \"\"}]}", 512).conversations().get(0).turns().get(0).maxTokens());
  }

  @Test
  void aBadLineIsOneLineNamingTheFileTheLineTheFieldAndWhatIsAllowed() {
    String good = "{\"messages\": [{\"role\": \"user\", \"content\": \"a\"}]}\n";
    assertEquals(FILE + " line 2, field conversations[1].from = \"bot\": expected human, gpt or system",
        refused(good + "{\"conversations\": [{\"from\": \"human\", \"value\": \"a\"}, {\"from\": \"bot\","
            + " \"value\": \"b\"}]}"));
    assertEquals(FILE + " line 1, field messages[0].content = (missing): expected some text",
        refused("{\"messages\": [{\"role\": \"user\"}]}"));
    assertEquals(FILE + " line 1, field messages[0].content = \"  \": expected some text",
        refused("{\"messages\": [{\"role\": \"user\", \"content\": \"  \"}]}"));
    assertEquals(FILE + " line 1, field messages = {}: expected an array of turns", refused("{\"messages\": {}}"));
    assertEquals(FILE + " line 2: no user turn in messages: expected at least one (the prompt)",
        refused(good + "{\"messages\": [{\"role\": \"assistant\", \"content\": \"a\"}]}"));
    assertEquals(FILE + " line 1 = not json: expected one JSON object with conversations: [{from, value}] (ShareGPT)"
        + " or messages: [{role, content}] (OpenAI)", refused("not json"));
    assertTrue(refused("{\"turns\": []}").startsWith(FILE + " line 1 = {\"turns\": []}: expected one JSON object"));
    assertTrue(refused("\n \n").startsWith(FILE + " is empty: expected one JSON conversation a line"));
    assertTrue(assertThrows(DataError.class, () -> Dataset.of(new PromptSettings.Dataset("no/such.jsonl", 512)))
        .getMessage().startsWith("no/such.jsonl is missing: expected a JSONL file of conversations"));
  }

  @Test
  void theShippedSampleHasTwentyShortConversationsOfBothShapes() {
    Dataset sample = Dataset.of(SAMPLE);
    assertEquals(20, sample.conversations().size());
    assertTrue(sample.conversations().stream().allMatch(c -> c.turns().size() >= 1 && c.turns().size() <= 4));
    assertTrue(sample.conversations().stream().anyMatch(c -> c.turns().size() == 4));
  }

  @Test
  void theSameSeedDrawsTheSameConversationsInTheSameOrder() {
    Dataset sample = Dataset.of(SAMPLE);
    List<Object> first = draws(new DatasetPrompts(sample, RULE, 7, "story stream", 0));
    assertEquals(first, draws(new DatasetPrompts(sample, RULE, 7, "story stream", 0)));
    assertNotEquals(first, draws(new DatasetPrompts(sample, RULE, 8, "story stream", 0)));
    Map<String, Object> row = new DatasetPrompts(sample, RULE, 7, "conversation", 0).next();
    List<Map<String, Object>> turns = (List<Map<String, Object>>) row.get(DatasetPrompts.TURNS);
    assertEquals(turns.get(0).get("prompt"), row.get("prompt"));
    assertEquals(turns.get(0).get("max_tokens"), row.get("max_tokens"));
    assertEquals(DatasetPrompts.KIND, row.get("kind"));
  }

  /** A dataset request's prompt tokens are counted like a synthetic one's size: the first turn with its overhead. */
  @Test
  void eachRowCarriesItsFirstTurnsRequestCountedAndHow() {
    DatasetPrompts prompts = new DatasetPrompts(Dataset.of(SAMPLE), RULE, 7, "story stream", 35);
    for (int i = 0; i < 10; i++) {
      Map<String, Object> row = prompts.next();
      assertEquals((((String) row.get("prompt")).length() + 35 + 3) / 4, row.get("prompt_tokens"));
      assertEquals("the rule, ceil(characters / 4)", row.get(PromptTokens.COUNTED_BY));
    }
  }

  private static List<Object> draws(DatasetPrompts prompts) {
    return IntStream.range(0, 30).mapToObj(i -> prompts.next().get("prompt")).toList();
  }
}
