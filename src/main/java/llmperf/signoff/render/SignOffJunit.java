package llmperf.signoff.render;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.BudgetResult;

/**
 * Renders a {@link Summary} as signoff-junit.xml, which CI systems (GitHub, GitLab, Jenkins) show as test results: one
 * test case per budget (class: the simulation and the budget's journey, or "run"), one per phase judged on its own
 * (class: the simulation and the phase), each failed one carrying the sign-off's own line as its message. The only
 * skipped case is a baseline comparison that compared nothing, the one check a run may leave unjudged and pass: a
 * budget or phase that could not be judged fails, as in the sign-off. Any other reason the run failed (a stopped
 * load) is one more failed case, so the file never reads green for a failed run. Nothing in it is not in
 * summary.json already, whose target is masked.
 */
public final class SignOffJunit {

  public static final String FILE = "signoff-junit.xml";

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private SignOffJunit() {}

  public static String render(Summary summary) {
    Summary.Run run = summary.run();
    String simulation = run.simulation();
    Journeys journeys = Journeys.of(summary);
    Cases cases = new Cases();
    Set<String> explained = new HashSet<>();
    for (BudgetResult budget : summary.budgets()) {
      String journey = journeys.of(budget.path());
      String failure = budget.passed() ? null : budget.describe();
      cases.add(simulation + "." + (journey == null ? "run" : journey), budget.key() + " on " + budget.path(),
          failure, FailureLines.plain(budget), null);
      explained.add(budget.describe());
    }
    for (PhaseCards.Card card : PhaseCards.of(summary)) {
      if (card.verdict() == null) {
        continue;
      }
      String className = simulation + "." + card.id();
      switch (card.verdict()) {
        case PASSED -> cases.add(className, card.title(), null, null, null);
        case FAILED -> cases.add(className, card.title(), card.reason() != null ? card.reason() : card.sentence(),
            card.sentence(), null);
        case SKIPPED -> cases.add(className, card.title(), null, null, card.reason());
      }
      if (card.reason() != null) {
        explained.add(card.reason());
      }
    }
    summary.reasons().stream().filter(reason -> !explained.contains(reason))
        .forEach(reason -> cases.add(simulation + ".run", "sign-off", reason, reason, null));

    String counts = " tests=\"" + cases.tests + "\" failures=\"" + cases.failures + "\" errors=\"0\" skipped=\""
        + cases.skipped + "\" time=\"" + String.format(Locale.ROOT, "%.3f", run.durationMs() / 1000.0) + "\"";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<testsuites name=\"sign-off\"" + counts + ">\n"
        + "  <testsuite name=\"" + attribute(simulation + " (" + run.scale() + ")") + "\"" + counts
        + " timestamp=\"" + TIMESTAMP.format(Instant.ofEpochMilli(run.startEpochMs())) + "\">\n"
        + "    <properties>\n"
        + property("simulation", simulation) + property("scale", run.scale()) + property("target", run.target())
        + property("git commit", run.gitCommit()) + property("verdict", Texts.verdictWord(summary.passed()))
        + "    </properties>\n"
        + cases.xml
        + "  </testsuite>\n</testsuites>\n";
  }

  private static String property(String name, String value) {
    return "      <property name=\"" + attribute(name) + "\" value=\"" + attribute(value) + "\"/>\n";
  }

  /** The test cases as they are added, with the counts the suite's attributes give. */
  private static final class Cases {
    private final StringBuilder xml = new StringBuilder();
    private int tests;
    private int failures;
    private int skipped;

    /**
     * @param failure the failure's message, or null when the case passed or was skipped
     * @param detail the failure's text, in plain words
     * @param skippedBecause why the case was not judged, or null
     */
    void add(String className, String name, String failure, String detail, String skippedBecause) {
      tests++;
      xml.append("    <testcase classname=\"").append(attribute(className)).append("\" name=\"")
          .append(attribute(name)).append("\" time=\"0\"");
      if (failure != null) {
        failures++;
        xml.append(">\n      <failure message=\"").append(attribute(failure)).append("\" type=\"sign-off\">")
            .append(text(detail)).append("</failure>\n    </testcase>\n");
      } else if (skippedBecause != null) {
        skipped++;
        xml.append(">\n      <skipped message=\"").append(attribute(skippedBecause)).append("\"/>\n    </testcase>\n");
      } else {
        xml.append("/>\n");
      }
    }
  }

  /** Text content: markup characters escaped, characters XML 1.0 cannot hold replaced. */
  static String text(String value) {
    return escape(value, false);
  }

  /** An attribute value: as text, plus quotes; line breaks and tabs as references, which a parser does not fold. */
  static String attribute(String value) {
    return escape(value, true);
  }

  private static String escape(String value, boolean attribute) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length() + 16);
    value.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        case '\n', '\r', '\t' -> out.append(attribute ? "&#" + c + ";" : Character.toString(c));
        default -> out.appendCodePoint(allowed(c) ? c : 0xFFFD);
      }
    });
    return out.toString();
  }

  /** XML 1.0's Char production: no control characters but tab and line breaks, no lone surrogates, no FFFE/FFFF. */
  private static boolean allowed(int c) {
    return (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
  }
}
