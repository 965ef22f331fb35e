package llmperf.signoff.render;

import static llmperf.signoff.analysis.Figures.decimal;
import static llmperf.signoff.analysis.Figures.duration;
import static llmperf.signoff.render.Texts.breakingPointSentence;
import static llmperf.signoff.render.Texts.budgetTally;
import static llmperf.signoff.render.Texts.driftSentence;
import static llmperf.signoff.render.Texts.esc;
import static llmperf.signoff.render.Texts.recoverySentence;
import static llmperf.signoff.render.Texts.utc;
import static llmperf.signoff.render.Texts.verdictWord;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.Phases;
import llmperf.signoff.analysis.Summary.Phases.BreakingPoint;
import llmperf.signoff.analysis.Summary.Phases.Drift;
import llmperf.signoff.analysis.Summary.Phases.Recovery;
import llmperf.signoff.analysis.Summary.Phases.Scaling;

/**
 * Renders a {@link Summary} as signoff.html: one self-contained page (inline CSS, SVG charts drawn by
 * {@link Charts}, no script, no external resource) that a release reviewer opens from a CI artifact with no
 * network, and can print. Every string from the data is escaped; the markup is also well-formed XML, which the
 * tests rely on to read it.
 */
public final class SignOffPage {

  private static final String CSS_RESOURCE = "/llmperf/signoff/render/signoff.css";

  static final String CSS = css();

  private SignOffPage() {}

  /**
   * The page in a reviewer's order: the verdict and what failed, the budgets closest to their limit, the phase
   * verdicts; then each journey's figures; then the folded budget table and everything else.
   */
  public static String render(Summary summary) {
    Summary.Run run = summary.run();
    String title = verdictWord(summary.passed()) + ": " + run.simulation() + " (" + run.scale() + ")";
    String charts = Charts.figures(summary);
    Journeys journeys = Journeys.of(summary);
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>" + esc(title)
        + "</title>\n<style>\n" + CSS + "</style></head>\n<body>\n"
        + banner(summary)
        + section("closest", "Closest to the limit", Headroom.html(summary.budgets()))
        + section("phases", "Phases", PhaseCards.html(PhaseCards.of(summary)))
        + JourneySections.html(summary, journeys)
        + section("budgets", "Budgets", BudgetGroups.html(journeys, summary.budgets()))
        + section("errors", "Errors by cause", Tables.errors(summary.errors()))
        + (charts.isEmpty() ? "" : section("charts", "Charts", charts))
        + (summary.streaming().isEmpty() ? "" : section("server-record", "Against the server's record",
            ServerTruthTables.html(summary)))
        + (summary.conversations().isEmpty() ? "" : section("conversations", "Conversation turns",
            conversations(summary)))
        + section("baseline", "Baseline comparison", Tables.baseline(summary.baseline()))
        + phases(summary.phases())
        + section("generator", "Load generator", Tables.generator(summary.generator(), summary.generators()))
        + section("resources", "Target resources", resources(summary))
        + section("other-rows", "Other report rows", "<p class=\"muted\">Rows outside any journey: phase groups,"
            + " requests of no journey. Each journey's rows are in its section.</p>\n"
            + JourneySections.requestsTable(journeys.otherRows(summary.rows())))
        + "<footer class=\"muted\">Every request in detail: " + reportLink(run.gatlingReport()) + "</footer>\n"
        + "</body></html>\n";
  }

  /** Inlined, not linked: the page must open from a CI artifact with no network and no files beside it. */
  private static String css() {
    try (InputStream in = SignOffPage.class.getResourceAsStream(CSS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + CSS_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + CSS_RESOURCE, e);
    }
  }

  private static String section(String id, String title, String body) {
    return "<section id=\"" + id + "\"><h2>" + esc(title) + "</h2>\n" + body + "</section>\n";
  }

  // ---- verdict

  private static String banner(Summary summary) {
    Summary.Run run = summary.run();
    StringBuilder html = new StringBuilder("<header class=\"banner ")
        .append(summary.passed() ? "pass" : "fail").append("\"><div class=\"verdict\">")
        .append(verdictWord(summary.passed())).append("</div><div>")
        .append("<h1>").append(esc(run.simulation())).append(" <span class=\"scale\">")
        .append(esc(run.scale())).append(" scale</span></h1>")
        .append("<p>").append(esc(budgetTally(summary.budgets()))).append("</p><dl>");
    fact(html, "target", esc(run.target()));
    fact(html, "git commit", esc(run.gitCommit()));
    fact(html, "start", esc(utc(run.startEpochMs())));
    fact(html, "end", esc(utc(run.endEpochMs())));
    fact(html, "duration", esc(duration(run.durationMs())));
    if (run.warmUpRequests() > 0) {
      fact(html, "warm-up", esc(Texts.warmUpSentence(run)));
    }
    if (run.resentRequests() > 0) {
      fact(html, "re-sent", esc(Texts.resendSentence(run)));
    }
    fact(html, "Gatling report", reportLink(run.gatlingReport()));
    fact(html, "earlier runs", "<a href=\"../trends.html\">trends.html</a>");
    fact(html, "load generator", esc(summary.generator().verdict()));
    html.append("</dl>");
    if (!summary.generator().reliable()) {
      html.append("<p class=\"unreliable\">").append(esc(summary.generator().verdict())).append("</p>");
    }
    if (!summary.passed() && !summary.reasons().isEmpty()) {
      html.append("<ul class=\"reasons\">");
      FailureLines.of(summary).forEach(line -> html.append("<li>").append(esc(line)).append("</li>"));
      html.append("</ul>");
    }
    return html.append("</div></header>\n").toString();
  }

  private static void fact(StringBuilder html, String name, String valueHtml) {
    html.append("<div><dt>").append(esc(name)).append("</dt><dd>").append(valueHtml).append("</dd></div>");
  }

  /** A link only when the reference is relative: the page must not send its reader onto the network. */
  private static String reportLink(String reference) {
    boolean relative = !reference.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !reference.startsWith("//");
    return relative ? "<a href=\"" + esc(reference) + "\">" + esc(reference) + "</a>" : esc(reference);
  }

  /** Per conversation journey: how its TTFT grew with the history, its turns, and TTFT against prompt tokens. */
  private static String conversations(Summary summary) {
    StringBuilder html = new StringBuilder();
    for (Summary.Conversation conversation : summary.conversations()) {
      html.append("<h3>").append(esc(conversation.journey())).append("</h3>\n<p>")
          .append(esc(Texts.conversationSentence(conversation))).append("</p>\n")
          .append(Tables.conversationTurns(conversation))
          .append("<div class=\"charts\"><figure><figcaption>TTFT against prompt tokens <span>each turn's p50 and"
              + " p95; the line: the least-squares fit of the medians</span></figcaption>")
          .append(TurnChart.draw(conversation)).append("</figure></div>\n");
    }
    return html.toString();
  }

  /** One line when nothing was sampled; else the source, the series and their charts on the run's time axis. */
  private static String resources(Summary summary) {
    Summary.Resources resources = summary.resources();
    String sentence = "<p>" + esc(Texts.resourcesSentence(resources)) + "</p>\n";
    if (resources.unavailable() != null || resources.series().isEmpty()) {
      return sentence;
    }
    return sentence + (resources.note() == null ? "" : "<p class=\"muted\">" + esc(resources.note()) + "</p>\n")
        + Tables.resources(resources) + Charts.resourceFigures(summary);
  }

  // ---- phases

  private static String phases(Phases phases) {
    StringBuilder html = new StringBuilder();
    if (phases.recovery() != null) {
      html.append(recovery(phases.recovery()));
    }
    if (phases.drift() != null) {
      html.append(drift(phases.drift()));
    }
    if (phases.breakingPoint() != null) {
      html.append(breakingPoint(phases.breakingPoint()));
    }
    if (phases.scaling() != null) {
      html.append(scaling(phases.scaling()));
    }
    if (phases.capacity() != null) {
      html.append(CapacityReport.html(phases.capacity()));
    }
    return html.isEmpty() ? "" : section("phase-analysis", "Phase analysis", html.toString());
  }

  private static String recovery(Recovery recovery) {
    StringBuilder html = phaseHeading("Spike recovery", verdictWord(recovery.passed()), recovery.passed())
        .append("<p>").append(esc(recoverySentence(recovery))).append("</p><dl>");
    term(html, "peak ended", duration(recovery.peakEndOffsetMs()) + " after the start");
    term(html, "time to recover", recovery.recoveryMs() == null ? "never" : duration(recovery.recoveryMs()));
    term(html, "allowed", duration(recovery.budgetMs()));
    return html.append("</dl></div>\n").toString();
  }

  private static String drift(Drift drift) {
    return phaseHeading("Soak drift", verdictWord(drift.passed()), drift.passed())
        .append("<p>").append(esc(driftSentence(drift))).append("</p>")
        .append(Tables.driftWindows(drift)).append("</div>\n").toString();
  }

  private static String breakingPoint(BreakingPoint point) {
    StringBuilder html = phaseHeading("Breaking point", point.graceful() ? "graceful" : "not graceful",
        point.graceful()).append("<p>").append(esc(breakingPointSentence(point))).append("</p><dl>");
    term(html, "last good stair", point.lastGoodStair() == null ? "none" : point.lastGoodStair());
    term(html, "sustainable rate",
        point.sustainableRatePerSec() == null ? "none" : decimal(point.sustainableRatePerSec()) + " /s");
    term(html, "broke by", point.brokeBy());
    term(html, "graceful", point.graceful() ? "yes: fast 429/503 rejections" : "no: timeouts or dropped connections");
    return html.append("</dl>").append(Tables.stairs(point)).append("</div>\n").toString();
  }

  private static String scaling(Scaling scaling) {
    boolean measured = scaling.efficiencyPercent() != null;
    return phaseHeading("Scalability", measured ? "efficiency " + decimal(scaling.efficiencyPercent()) + " %"
        : "not judged", measured).append("<p>").append(esc(Texts.scalingSentence(scaling))).append("</p>")
        .append(Tables.scalingSteps(scaling)).append("</div>\n").toString();
  }

  private static StringBuilder phaseHeading(String title, String badge, boolean good) {
    return new StringBuilder("<div class=\"phase\"><h3>").append(esc(title)).append(" <span class=\"badge ")
        .append(good ? "pass" : "fail").append("\">").append(esc(badge)).append("</span></h3>");
  }

  private static void term(StringBuilder html, String name, String value) {
    html.append("<dt>").append(esc(name)).append("</dt><dd>").append(esc(value)).append("</dd>");
  }
}
