package llmperf.resources;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a service's /metrics exposes, in the Prometheus text format 0.0.4 or its OpenMetrics variant: every
 * sample, and the # TYPE of each metric. # HELP and other comments, blank lines, timestamps and OpenMetrics
 * exemplars are read past.
 */
public final class PrometheusText {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABELS_OPEN = Pattern.compile("[ \t]*\\{");
  private static final Pattern LABELS_CLOSE = Pattern.compile("[ \t]*}");
  /** A label, its quoted value (a backslash escapes the next character), then a comma or the closing brace. */
  private static final Pattern LABEL =
      Pattern.compile("[ \t]*([a-zA-Z_][a-zA-Z0-9_]*)[ \t]*=[ \t]*\"((?:[^\"\\\\]|\\\\.)*)\"[ \t]*(,|(?=}))");
  /** What follows the name and labels: a blank, the value, a timestamp maybe, an OpenMetrics exemplar maybe. */
  private static final Pattern VALUES = Pattern.compile("[ \t]+([^ \t#]+)(?:[ \t]+([^ \t#]+))?[ \t]*(?:#.*)?");
  private static final Pattern ESCAPE = Pattern.compile("\\\\(.)");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  private static final int SHOWN_CHARS = 80;

  private PrometheusText() {}

  /** {@code \n} is a newline, {@code \\} and {@code \"} the escaped character; others stay as written. */
  private static String unescape(String value) {
    return ESCAPE.matcher(value).replaceAll(escape -> Matcher.quoteReplacement(switch (escape.group(1)) {
      case "n" -> "\n";
      case "\\", "\"" -> escape.group(1);
      default -> escape.group();
    }));
  }

  /** One sample line: metric name, its labels (label values unescaped: \\ \" \n), its value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /**
   * What one scrape exposed.
   *
   * @param samples every sample line, in the order exposed, NaN values included
   * @param types the # TYPE of each metric that declared one, by metric name
   */
  public record Exposition(List<Sample> samples, Map<String, String> types) {
    public Exposition {
      samples = List.copyOf(samples);
      types = Map.copyOf(types);
    }

    /**
     * The sum of the samples named {@code name} whose labels include every entry of {@code labels} (extra labels
     * are fine); empty when no sample matches. NaN samples count as absent: a gauge a service cannot read yet
     * neither poisons the sum nor makes one up.
     */
    public OptionalDouble sum(String name, Map<String, String> labels) {
      double sum = 0;
      boolean matched = false;
      for (Sample sample : samples) {
        if (sample.name().equals(name) && !Double.isNaN(sample.value())
            && sample.labels().entrySet().containsAll(labels.entrySet())) {
          sum += sample.value();
          matched = true;
        }
      }
      return matched ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    /**
     * Whether {@code name} is a counter: its # TYPE is counter, under its own name or, as OpenMetrics writes it,
     * under the name without a trailing _total.
     */
    public boolean isCounter(String name) {
      return "counter".equals(types.get(name))
          || name.endsWith("_total") && "counter".equals(types.get(name.substring(0, name.length() - 6)));
    }
  }

  /**
   * Parses a whole exposition; a malformed line throws IllegalArgumentException("line N: what is wrong: the line"),
   * the line cut to 80 characters.
   */
  public static Exposition parse(String text) {
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new HashMap<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      Line line = new Line(i + 1, lines.get(i).stripLeading());
      if (line.text.startsWith("#")) {
        line.readComment(types);
      } else if (!line.text.isBlank()) {
        samples.add(line.sample());
      }
    }
    return new Exposition(samples, types);
  }

  /** One line of the exposition and how far it has been read. */
  private static final class Line {
    private final int number;
    private final String text;
    private int pos;

    Line(int number, String text) {
      this.number = number;
      this.text = text;
    }

    /** # TYPE is the one comment that matters; # HELP, # EOF and the rest say nothing about the samples. */
    void readComment(Map<String, String> types) {
      String[] words = text.substring(1).strip().split("[ \t]+");
      if (words[0].equals("TYPE")) {
        if (words.length != 3 || !METRIC_NAME.matcher(words[1]).matches()) {
          throw malformed("# TYPE needs a metric name and a type");
        }
        types.put(words[1], words[2]);
      }
    }

    Sample sample() {
      String name = match(METRIC_NAME, "no metric name").group();
      Map<String, String> labels = skip(LABELS_OPEN) ? labels() : Map.of();
      Matcher values = VALUES.matcher(text).region(pos, text.length());
      if (!values.matches()) {
        throw malformed(text.substring(pos).isBlank() ? "no value" : "not ' value [timestamp]' after the name");
      } else if (values.group(2) != null) {
        number(values.group(2), "timestamp");
      }
      return new Sample(name, labels, number(values.group(1), "value"));
    }

    private Map<String, String> labels() {
      Map<String, String> labels = new LinkedHashMap<>();
      while (!skip(LABELS_CLOSE)) {
        Matcher label = match(LABEL, text.indexOf('}', pos) < 0 ? "unclosed label set" : "malformed label");
        if (labels.put(label.group(1), unescape(label.group(2))) != null) {
          throw malformed("label " + label.group(1) + " twice");
        }
      }
      return Collections.unmodifiableMap(labels);
    }

    /** Reads past what {@code pattern} matches here; fails with {@code otherwise} when it does not match. */
    private Matcher match(Pattern pattern, String otherwise) {
      Matcher matcher = pattern.matcher(text).region(pos, text.length());
      if (!matcher.lookingAt()) {
        throw malformed(otherwise);
      }
      pos = matcher.end();
      return matcher;
    }

    /** Reads past what {@code pattern} matches here, if it does. */
    private boolean skip(Pattern pattern) {
      Matcher matcher = pattern.matcher(text).region(pos, text.length());
      boolean found = matcher.lookingAt();
      if (found) {
        pos = matcher.end();
      }
      return found;
    }

    private double number(String word, String what) {
      if (DECIMAL.matcher(word).matches()) {
        return Double.parseDouble(word);
      }
      return switch (word.toLowerCase(Locale.ROOT)) {
        case "+inf", "inf" -> Double.POSITIVE_INFINITY;
        case "-inf" -> Double.NEGATIVE_INFINITY;
        case "nan" -> Double.NaN;
        default -> throw malformed(what + " '" + word + "' is not a number");
      };
    }

    private IllegalArgumentException malformed(String what) {
      String shown = text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS - 3) + "...";
      return new IllegalArgumentException("line " + number + ": " + what + ": " + shown);
    }
  }
}
