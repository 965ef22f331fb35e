package llmperf.signoff.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import llmperf.signoff.Summary;
import llmperf.signoff.Summary.BudgetResult;
import llmperf.signoff.Summary.Phases.BreakingPoint;
import llmperf.signoff.Summary.Phases.Scaling;
import llmperf.signoff.Summary.Phases.Drift;
import llmperf.signoff.Summary.Phases.Recovery;

/**
 * The words and figures that both signoff.html and summary.md write, shared so that the two reports never word the
 * same number differently; and {@link #esc}, the HTML escaping that every string from the data goes through.
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
        + decimal(drift.errorBudgetPercent()) + " %).";
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

  public static String quantity(double value, String unit) {
    return unit == null || unit.isEmpty() ? decimal(value) : decimal(value) + " " + unit;
  }

  /** At most two decimals, no trailing zeros, "." as separator whatever the machine's locale. */
  public static String decimal(double value) {
    if (!Double.isFinite(value)) {
      return "n/a";
    }
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  public static String signedPercent(double value) {
    return (value > 0 ? "+" : "") + decimal(value) + " %";
  }

  static String count(long value) {
    return Long.toString(value);
  }

  static String utc(long epochMs) {
    return UTC.format(Instant.ofEpochMilli(epochMs));
  }

  public static String duration(long ms) {
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return decimal(Math.round(ms / 100.0) / 10.0) + " s";
    }
    long seconds = Math.round(ms / 1000.0);
    long hours = seconds / 3600;
    String minutes = (seconds % 3600 / 60) + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    return hours > 0 ? hours + " h " + minutes : minutes;
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
