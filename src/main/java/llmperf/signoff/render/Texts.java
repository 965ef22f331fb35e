package llmperf.signoff.render;

import static llmperf.signoff.analysis.Figures.decimal;
import static llmperf.signoff.analysis.Figures.duration;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import llmperf.signoff.analysis.Figures;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.BudgetResult;
import llmperf.signoff.analysis.Summary.Phases.BreakingPoint;
import llmperf.signoff.analysis.Summary.Phases.Drift;
import llmperf.signoff.analysis.Summary.Phases.Recovery;
import llmperf.signoff.analysis.Summary.Phases.Scaling;

/**
 * The words that both signoff.html and summary.md write, shared so that the two reports never word the same finding
 * differently ({@link Figures} writes each number); and {@link #esc}, the HTML escaping that every string from the
 * data goes through.
 */
public final class Texts {

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Texts() {}

  static String verdictWord(boolean passed) {
    return passed ? "PASS" : "FAIL";
  }

  static String budgetTally(List<BudgetResult> budgets) {
    long met = budgets.stream().filter(BudgetResult::passed).count();
    return met + " of " + budgets.size() + " budgets met";
  }

  static String warmUpSentence(Summary.Run run) {
    return count(run.warmUpRequests()) + " requests before the start, left out of every figure and budget";
  }

  /** How often the stream client sent a request again on a new connection; null when it never did. */
  public static String resendSentence(Summary.Run run) {
    if (run.resentRequests() == 0) {
      return null;
    }
    return String.format(Locale.ROOT, "%s requests (%.1f %%) were re-sent after the server closed a kept-alive"
        + " connection", count(run.resentRequests()), 100.0 * run.resentRequests() / run.streamedRequests());
  }

  static String recoverySentence(Recovery recovery) {
    String peak = "The peak ended " + duration(recovery.peakEndOffsetMs()) + " after the start; ";
    String allowed = " (allowed " + duration(recovery.budgetMs()) + ").";
    if (recovery.notJudged() != null) {
      return peak + "recovery " + recovery.notJudged() + allowed;
    }
    return recovery.recoveryMs() == null
        ? peak + "the run never came back within budget" + allowed
        : peak + "the run was back within budget " + duration(recovery.recoveryMs()) + " later" + allowed;
  }

  static String driftSentence(Drift drift) {
    return "Each budgeted row's median, first full window against the last: " + drift.verdict() + ". Errors went from "
        + decimal(drift.first().errorPercent()) + " % to " + decimal(drift.last().errorPercent()) + " % (budget "
        + decimal(drift.errorBudgetPercent()) + " %)." + (drift.leftOut() == null ? ""
        : " " + Character.toUpperCase(drift.leftOut().charAt(0)) + drift.leftOut().substring(1) + ".");
  }

  /** The high step against the low one, in the scaling efficiency's own terms. */
  /** How a conversation's TTFT grew with the history its turns sent again. */
  static String conversationSentence(Summary.Conversation conversation) {
    List<Summary.Conversation.Turn> turns = conversation.turns();
    Summary.Conversation.Turn first = turns.get(0);
    Summary.Conversation.Turn last = turns.get(turns.size() - 1);
    String ends = "turn " + first.turn() + "'s median TTFT " + decimal(first.ttftP50()) + " ms at "
        + decimal(first.promptTokens()) + " prompt tokens, turn " + last.turn() + "'s " + decimal(last.ttftP50())
        + " ms at " + decimal(last.promptTokens()) + " (prompt tokens: " + conversation.promptTokenSource() + ").";
    if (conversation.msPerThousandPromptTokens() == null) {
      return "No growth to measure: fewer than two turns of different lengths; " + ends;
    }
    return "TTFT grew by " + decimal(conversation.msPerThousandPromptTokens()) + " ms per 1,000 prompt tokens (least"
        + " squares over the turns' medians): " + ends;
  }

  /** Where the target's resources came from and what the sampling cost, or why there are none: one line. */
  static String resourcesSentence(Summary.Resources resources) {
    if (resources.unavailable() != null) {
      return "The target's own resources were not sampled: " + resources.unavailable() + ".";
    }
    StringBuilder text = new StringBuilder("Scraped from ").append(resources.source()).append(": ")
        .append(count(resources.scrapes())).append(" scrapes");
    if (resources.failedScrapes() > 0) {
      text.append(", ").append(count(resources.failedScrapes())).append(" failed (first: ")
          .append(resources.firstFailure()).append(")");
    }
    if (resources.scrapes() > resources.failedScrapes()) {
      text.append("; a scrape took ").append(decimal(resources.scrapeMedianMs())).append(" ms (max ")
          .append(decimal(resources.scrapeMaxMs())).append(" ms)");
    }
    if (!resources.notExposed().isEmpty()) {
      text.append(". Configured but not exposed there: ").append(String.join(", ", resources.notExposed()));
    }
    return text.append(".").toString();
  }

  static String scalingSentence(Scaling scaling) {
    Scaling.Step low = scaling.steps().get(0);
    Scaling.Step high = scaling.steps().get(1);
    String steps = decimal(low.perSecond()) + " OK requests/s at " + low.users() + " users, "
        + decimal(high.perSecond()) + " at " + high.users() + " (p95 " + low.p95() + " -> " + high.p95() + " ms)";
    if (scaling.efficiencyPercent() == null) {
      return "Not judged: a step had no OK request; " + steps + ".";
    }
    return "Scaling efficiency " + decimal(scaling.efficiencyPercent()) + " %: " + steps + "; "
        + decimal((double) high.users() / low.users()) + " times the users gave " + decimal(high.perSecond()
        / Math.max(low.perSecond(), Double.MIN_VALUE)) + " times the throughput.";
  }

  static String breakingPointSentence(BreakingPoint point) {
    String rate = point.sustainableRatePerSec() == null ? ""
        : ": a sustainable rate of " + decimal(point.sustainableRatePerSec()) + " /s";
    boolean broke = point.stairs().stream().anyMatch(stair -> !stair.failedBudgets().isEmpty());
    if (!broke) {
      return "Every stair met every budget, up to " + point.lastGoodStair() + rate + "; no breaking point yet.";
    }
    String good = point.lastGoodStair() == null
        ? "Even the first stair missed a budget"
        : "The last stair meeting every budget was " + point.lastGoodStair() + rate;
    String graceful = point.graceful()
        ? "; failures were fast rejections (429/503)."
        : "; failures included timeouts or dropped connections, not only fast rejections.";
    return good + "; broke by " + point.brokeBy() + graceful;
  }

  static String count(long value) {
    return Long.toString(value);
  }

  static String utc(long epochMs) {
    return UTC.format(Instant.ofEpochMilli(epochMs));
  }

  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
