package llmperf.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The -Dkey and -Dkey=value arguments written in a text: a workflow's run script, a README's command. */
public final class CommandLineProperties {

  /** -Dkey or -Dkey=value, not inside a word (e.g. not the -D of --Dx or a-Db). */
  private static final Pattern PROPERTY = Pattern.compile(
      "(?<![\\w-])-D([A-Za-z_][\\w.-]*)(?:=(\"[^\"]*\"|'[^']*'|[^\\s\"')]*))?");

  /** @param value unquoted; null for a bare -Dkey */
  public record Property(String key, String value) {}

  private CommandLineProperties() {}

  public static List<Property> in(String text) {
    List<Property> properties = new ArrayList<>();
    Matcher property = PROPERTY.matcher(text);
    while (property.find()) {
      properties.add(new Property(property.group(1),
          property.group(2) == null ? null : unquote(property.group(2))));
    }
    return properties;
  }

  private static String unquote(String value) {
    boolean quoted = value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
        || value.startsWith("'") && value.endsWith("'"));
    return quoted ? value.substring(1, value.length() - 1) : value;
  }
}
