package llmperf.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeederDataTest {

  private static final String HEADER = "prompt,max_tokens,kind,weight\n";

  private static String refusal(String text) {
    return assertThrows(DataError.class, () -> FeederData.weighted(FeederData.PROMPTS, FeederData.PROMPTS.read(text)))
        .getMessage();
  }

  @Test
  void theShippedFilesAreValidAndTyped() {
    FeederData data = FeederData.shipped();
    assertEquals(27, data.prompts().size());
    assertEquals(Integer.class, data.prompts().get(0).get("max_tokens").getClass());
    assertEquals(Double.class, data.prompts().get(0).get("weight").getClass());
    assertEquals(52, data.users().size());
    assertEquals(12, data.voices().size());
    assertEquals("Rachel", data.voices().get(0).get("voice_name"));
  }

  @Test
  void aBadValueNamesTheFileTheLineTheColumnTheValueAndWhatIsAllowed() {
    String rows = "Hello,32,short,1\n".repeat(12) + "Tell me a story.,lots,story,1\n";
    assertEquals("data/prompts.csv line 14, column max_tokens = \"lots\": expected a whole number from 1 to 32768",
        refusal(HEADER + rows));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'' | data/prompts.csv is empty: expected a header line (prompt,max_tokens,kind,weight) and at least one row",
      "prompt,max_tokens,kind,weight\\n\\n | data/prompts.csv has a header and no rows: expected a header line"
          + " (prompt,max_tokens,kind,weight) and at least one row",
      "prompt,kind,weight\\nHi,short,1 | data/prompts.csv line 1: no column max_tokens: expected the columns"
          + " prompt,max_tokens,kind,weight, found prompt,kind,weight",
      "prompt,max_tokens,kind,weight\\nHi, there,32,short,1 | data/prompts.csv line 2: 5 values for 4 columns"
          + " (prompt,max_tokens,kind,weight): expected one value per column (a value holding a comma needs double"
          + " quotes)",
      "prompt,max_tokens,kind,weight\\nHi,0,short,1 | data/prompts.csv line 2, column max_tokens = \"0\": expected a"
          + " whole number from 1 to 32768",
      "prompt,max_tokens,kind,weight\\n,32,short,1 | data/prompts.csv line 2, column prompt = \"\": expected some"
          + " text, not an empty value",
      "prompt,max_tokens,kind,weight\\nHi,32,short,heavy | data/prompts.csv line 2, column weight = \"heavy\": expected"
          + " a number of 0 or more (a weight relative to the other rows)",
      "prompt,max_tokens,kind,weight\\nHi,32,short,0 | data/prompts.csv: every weight is 0: expected at least one row"
          + " with a weight above 0",
      "prompt,max_tokens,kind,weight\\n\"Hi,32,short,1 | data/prompts.csv line 2: a double quote opens a value that"
          + " never closes: expected a closing \" (write \"\" for a quote inside a quoted value)"})
  void everyKindOfBadFileIsOneLine(String text, String line) {
    assertEquals(line, refusal(text.replace("\\n", "\n")));
  }

  @Test
  void quotedValuesHoldCommasQuotesAndLineBreaksAndLinesAreCountedAcrossThem() {
    String quoted = "\"Say \"\"hi\"\",\nthen go\",32,short,1\r\n";
    assertEquals("Say \"hi\",\nthen go", FeederData.PROMPTS.read(HEADER + quoted).get(0).get("prompt"));
    assertEquals("data/prompts.csv line 4, column max_tokens = \"x\": expected a whole number from 1 to 32768",
        refusal(HEADER + quoted + "Bye,x,short,1\n"));
  }

  @Test
  void aMissingFileIsOneLine() {
    DataFile missing = new DataFile("data/nothing-here.csv", Column.text("prompt"));
    assertEquals("data/nothing-here.csv is missing: expected it on the classpath"
        + " (src/test/resources/data/nothing-here.csv), with the columns prompt", assertThrows(DataError.class,
        missing::read).getMessage());
  }
}
