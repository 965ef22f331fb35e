package llmperf.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A CSV data file on the classpath and the columns it must have, read and checked whole: a missing or empty file, a
 * missing column, a row of the wrong width or a refused value is a {@link DataError} naming the file, the line, the
 * column and the value. Columns the file has beyond these are kept as text.
 */
public record DataFile(String path, List<Column> columns) {

  public DataFile(String path, Column... columns) {
    this(path, List.of(columns));
  }

  /** The rows, each value as its column parses it, from the classpath of the thread's context class loader. */
  public List<Map<String, Object>> read() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new DataError(path + " is missing: expected it on the classpath (src/test/resources/" + path
            + "), with the columns " + names());
      }
      return read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DataError(path + " could not be read: " + e.getMessage());
    }
  }

  /** The rows of {@code text}, as if it were the file's content. */
  public List<Map<String, Object>> read(String text) {
    List<CsvFile.Record> records = CsvFile.parse(path, text);
    if (records.size() < 2) {
      throw new DataError(path + (records.isEmpty() ? " is empty" : " has a header and no rows")
          + ": expected a header line (" + names() + ") and at least one row");
    }
    List<String> header = records.get(0).values().stream().map(String::strip).toList();
    for (Column column : columns) {
      if (!header.contains(column.name())) {
        throw new DataError(path + " line 1: no column " + column.name() + ": expected the columns " + names()
            + ", found " + String.join(",", header));
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CsvFile.Record record : records.subList(1, records.size())) {
      rows.add(row(header, record));
    }
    return List.copyOf(rows);
  }

  private Map<String, Object> row(List<String> header, CsvFile.Record record) {
    if (record.values().size() != header.size()) {
      throw new DataError(path + " line " + record.line() + ": " + record.values().size() + " values for "
          + header.size() + " columns (" + String.join(",", header) + "): expected one value per column (a value"
          + " holding a comma needs double quotes)");
    }
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      row.put(header.get(i), record.values().get(i));
    }
    for (Column column : columns) {
      String value = (String) row.get(column.name());
      Object parsed = column.parse().apply(value);
      if (parsed == null) {
        throw new DataError(path + " line " + record.line() + ", column " + column.name() + " = \"" + value + "\": "
            + column.expected());
      }
      row.put(column.name(), parsed);
    }
    return row;
  }

  private String names() {
    return columns.stream().map(Column::name).collect(Collectors.joining(","));
  }
}
