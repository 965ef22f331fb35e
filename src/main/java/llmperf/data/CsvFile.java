package llmperf.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The records of a CSV text as Gatling's csv feeder reads it (RFC 4180: commas, double quotes around a value that
 * holds a comma, a quote or a line break, "" for a quote), each with the line it starts on, for error lines.
 */
final class CsvFile {

  /** One record: its values and the file's line (from 1) it starts on. */
  record Record(int line, List<String> values) {}

  private CsvFile() {}

  /** Every record that is not a blank line, the header first. */
  static List<Record> parse(String path, String text) {
    List<Record> records = new ArrayList<>();
    List<String> values = new ArrayList<>();
    StringBuilder value = new StringBuilder();
    int line = 1;
    int recordLine = 1;
    boolean quoted = false;
    boolean blank = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          value.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          line += c == '\n' ? 1 : 0;
          value.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        blank = false;
      } else if (c == ',') {
        values.add(value.toString());
        value.setLength(0);
        blank = false;
      } else if (c == '\n') {
        end(records, values, value, recordLine, blank);
        line++;
        recordLine = line;
        blank = true;
      } else if (c != '\r') {
        value.append(c);
        blank = false;
      }
    }
    if (quoted) {
      throw new DataError(path + " line " + recordLine + ": a double quote opens a value that never closes: expected"
          + " a closing \" (write \"\" for a quote inside a quoted value)");
    }
    end(records, values, value, recordLine, blank);
    return records;
  }

  private static void end(List<Record> records, List<String> values, StringBuilder value, int line, boolean blank) {
    if (!blank) {
      values.add(value.toString());
      records.add(new Record(line, List.copyOf(values)));
    }
    values.clear();
    value.setLength(0);
  }
}
