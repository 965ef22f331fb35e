package llmperf.data;

import java.util.function.Function;

/**
 * One column of a data file: its name, what its values may be, and how a value becomes the row's (null when refused).
 */
public record Column(String name, String expected, Function<String, Object> parse) {

  /** Any text but an empty one. */
  public static Column text(String name) {
    return new Column(name, "expected some text, not an empty value", value -> value.isBlank() ? null : value);
  }

  /** A whole number from {@code min} to {@code max}, as an Integer. */
  public static Column wholeNumber(String name, int min, int max) {
    return new Column(name, "expected a whole number from " + min + " to " + max, value -> {
      try {
        int number = Integer.parseInt(value.strip());
        return number >= min && number <= max ? number : null;
      } catch (NumberFormatException e) {
        return null;
      }
    });
  }

  /** A draw weight: a number of 0 or more, as a Double. */
  public static Column weight(String name) {
    return new Column(name, "expected a number of 0 or more (a weight relative to the other rows)", value -> {
      try {
        double number = Double.parseDouble(value.strip());
        return number >= 0 && Double.isFinite(number) ? number : null;
      } catch (NumberFormatException e) {
        return null;
      }
    });
  }
}
