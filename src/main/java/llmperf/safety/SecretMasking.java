package llmperf.safety;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides credentials in text that may reach a log or a report: Authorization and xi-api-key headers, cookies,
 * bearer tokens, API keys, passwords and tokens in JSON bodies, and user:password in URLs.
 */
public final class SecretMasking {

  public static final String MASK = "****";

  private static final List<Pattern> SECRETS = List.of(
      Pattern.compile("(?i)((?:authorization|xi-api-key|x-api-key|cookie|set-cookie)\\s*[:=]\\s*)([^\\r\\n,}\\]]+)"),
      Pattern.compile("(?i)(bearer\\s+)([A-Za-z0-9._~+/=-]+)"),
      Pattern.compile("(?i)(\"(?:password|access_token|api_key|apiKey|key|token)\"\\s*:\\s*\")([^\"]*)"),
      Pattern.compile("(\\b(?:sk|pk|rk)-)([A-Za-z0-9_-]{8,})"),
      Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^/\\s:@]+:)([^@\\s/]+)(?=@)"));

  private SecretMasking() {}

  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    String masked = text;
    for (Pattern secret : SECRETS) {
      Matcher matcher = secret.matcher(masked);
      masked = matcher.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
    }
    return masked;
  }
}
