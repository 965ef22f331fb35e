package llmperf.signoff.render;

import static llmperf.signoff.analysis.Figures.decimal;
import static llmperf.signoff.analysis.Figures.signedPercent;
import static llmperf.signoff.render.Texts.esc;
import static llmperf.signoff.render.Texts.verdictWord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import llmperf.budgets.Thresholds;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.BudgetResult;
import llmperf.signoff.analysis.Summary.Comparison;
import llmperf.signoff.analysis.Summary.Phases;

/**
 * The run's phase verdicts as cards, the second thing a reviewer reads: the spike's recovery and surge, the soak's
 * drift, the breaking point, scalability, the capacity search, throughput, the baseline and the load generator's health, whichever the run
 * has. Built as a list in {@link #of}: a new phase is one more entry there. The same cards give summary.md its phase
 * lines and signoff-junit.xml its phase test cases.
 */
final class PhaseCards {

  /** The card's colour: pass and fail for verdicts, warn for a finding that weakens the figures, neutral otherwise. */
  enum Tone { PASS, FAIL, WARN, NEUTRAL }

  /** How a phase judged on its own came out; a card restating budgets, or showing a finding, has none. */
  enum Verdict { PASSED, FAILED, SKIPPED }

  /**
   * @param id short name, the test case's class in signoff-junit.xml
   * @param verdict null when the card shows budgets judged as budgets, or a finding that decides nothing
   * @param reason when failed, the sign-off's own line for it; when skipped, why it was not judged
   */
  record Card(String id, String title, String badge, Tone tone, String sentence, Verdict verdict, String reason) {}

  private static final Set<String> SCALING_BUDGETS = Set.of(Thresholds.RESPONSE_TIME_DEGRADATION,
      Thresholds.THROUGHPUT_DEGRADATION, Thresholds.ERROR_RATE_INCREASE, Thresholds.MIN_SCALING_EFFICIENCY);

  private PhaseCards() {}

  static List<Card> of(Summary summary) {
    Phases phases = summary.phases();
    List<Card> cards = new ArrayList<>();
    if (phases.recovery() != null) {
      cards.add(judged("recovery", "Spike recovery", phases.recovery().passed(),
          phases.recovery().notJudged() != null ? "not judged" : verdictWord(phases.recovery().passed()),
          Texts.recoverySentence(phases.recovery()), reason(summary, "spike recovery:")));
    }
    budget(summary, Thresholds.PEAK_ERROR_RATE).ifPresent(b -> cards.add(fromBudget("surge", "Surge errors",
        "The error rate of the " + b.path(), b)));
    if (phases.drift() != null) {
      cards.add(judged("drift", "Soak drift", phases.drift().passed(), verdictWord(phases.drift().passed()),
          Texts.driftSentence(phases.drift()), reason(summary, "soak drift:")));
    }
    if (phases.breakingPoint() != null) {
      boolean graceful = phases.breakingPoint().graceful();
      cards.add(new Card("breaking-point", "Breaking point", graceful ? "graceful" : "not graceful",
          graceful ? Tone.PASS : Tone.WARN, Texts.breakingPointSentence(phases.breakingPoint()), null, null));
    }
    if (phases.scaling() != null) {
      cards.add(scaling(phases.scaling(), summary.budgets()));
    }
    if (phases.capacity() != null) {
      boolean found = phases.capacity().found();
      cards.add(judged("capacity", "Capacity", found, CapacityReport.headline(phases.capacity()),
          CapacityReport.sentenceWithProbes(phases.capacity()), reason(summary, "capacity:")));
    }
    budget(summary, Thresholds.MIN_THROUGHPUT).ifPresent(b -> cards.add(fromBudget("throughput", "Throughput",
        capitalized(b.path()), b)));
    cards.add(baseline(summary.baseline()));
    cards.add(generator(summary.generator()));
    return cards;
  }

  private static Card judged(String id, String title, boolean passed, String badge, String sentence, String reason) {
    return new Card(id, title, badge, passed ? Tone.PASS : Tone.FAIL, sentence,
        passed ? Verdict.PASSED : Verdict.FAILED, passed ? null : reason);
  }

  /** The run's reason starting with {@code prefix} (RunAnalysis words a failed phase so), else null. */
  private static String reason(Summary summary, String prefix) {
    return summary.reasons().stream().filter(r -> r.startsWith(prefix)).findFirst().orElse(null);
  }

  private static Optional<BudgetResult> budget(Summary summary, String key) {
    return summary.budgets().stream().filter(b -> b.key().equals(key)).findFirst();
  }

  /** A phase whose verdict is a budget: the budget's test case carries it, so the card has none of its own. */
  private static Card fromBudget(String id, String title, String measured, BudgetResult budget) {
    return new Card(id, title, verdictWord(budget.passed()), budget.passed() ? Tone.PASS : Tone.FAIL,
        measured + ": " + budget.actualText() + " (" + Headroom.limitText(budget) + ").", null, null);
  }

  private static Card scaling(Phases.Scaling scaling, List<BudgetResult> budgets) {
    List<BudgetResult> judged = budgets.stream().filter(b -> SCALING_BUDGETS.contains(b.key())).toList();
    boolean met = !judged.isEmpty() && judged.stream().allMatch(BudgetResult::passed);
    String badge = scaling.efficiencyPercent() == null ? "not judged"
        : "efficiency " + decimal(scaling.efficiencyPercent()) + " %";
    return new Card("scalability", "Scalability", badge, met ? Tone.PASS : Tone.FAIL,
        Texts.scalingSentence(scaling), null, null);
  }

  /**
   * Compared rows are judged as budgets (budgets.regression.*); with none compared, the comparison itself is the one
   * check of the run that was not judged without failing it, and its test case is skipped.
   */
  private static Card baseline(Comparison comparison) {
    List<Comparison.Delta> regressed = comparison.deltas().stream().filter(Comparison.Delta::regression).toList();
    if (comparison.deltas().isEmpty()) {
      return new Card("baseline", "Against the baseline", comparison.status(), Tone.NEUTRAL,
          capitalized(comparison.note()) + ".", Verdict.SKIPPED, comparison.status() + ": " + comparison.note());
    }
    if (regressed.isEmpty()) {
      return new Card("baseline", "Against the baseline", "no regression", Tone.PASS, "No p95 of the "
          + comparison.deltas().size() + " rows compared rose past its allowance; " + comparison.note() + ".",
          null, null);
    }
    Comparison.Delta worst = regressed.stream()
        .max((a, b) -> Double.compare(a.changePercent(), b.changePercent())).orElseThrow();
    return new Card("baseline", "Against the baseline", "regressed", Tone.FAIL, regressed.size() + " of "
        + comparison.deltas().size() + " rows compared regressed; the most: " + worst.path() + " p95 "
        + worst.baselineP95() + " -> " + worst.currentP95() + " ms (" + signedPercent(worst.changePercent())
        + ", threshold +" + decimal(worst.thresholdPercent()) + " %).", null, null);
  }

  private static Card generator(Summary.Generator g) {
    String badge = g.verdict().contains(":") ? g.verdict().substring(0, g.verdict().indexOf(':')) : g.verdict();
    return new Card("generator", "Load generator", badge, g.reliable() ? Tone.PASS : Tone.WARN,
        (g.reliable() ? "" : g.verdict() + ". ") + "Event-loop lag p99 " + decimal(g.lagP99Ms()) + " ms (max "
        + decimal(g.lagMaxMs()) + " ms), CPU max " + decimal(100 * g.cpuMax()) + " % of " + g.cores() + " cores.",
        null, null);
  }

  /** A sentence made of the sign-off's own words, which start in lower case inside a line. */
  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** The cards as the page shows them, under the closest budgets. */
  static String html(List<Card> cards) {
    StringBuilder html = new StringBuilder("<div class=\"cards\">");
    for (Card card : cards) {
      String tone = card.tone().name().toLowerCase();
      html.append("<div class=\"card ").append(tone).append("\"><h3>").append(esc(card.title()))
          .append(" <span class=\"badge ").append(tone).append("\">").append(esc(card.badge()))
          .append("</span></h3><p>").append(esc(card.sentence())).append("</p></div>");
    }
    return html.append("</div>\n").toString();
  }

  /** One line per card in summary.md: its title and badge in bold, then its sentence. */
  static void markdown(StringBuilder md, List<Card> cards) {
    cards.forEach(card -> md.append("- **").append(SignOffMarkdown.escape(card.title())).append(": ")
        .append(SignOffMarkdown.escape(card.badge())).append(".** ").append(SignOffMarkdown.escape(card.sentence()))
        .append('\n'));
  }
}
