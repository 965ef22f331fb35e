package llmperf.signoff.render;

import llmperf.signoff.analysis.ChangeInterval;
import llmperf.signoff.analysis.Summary.Comparison;
import llmperf.signoff.analysis.Summary.Phases.Drift;

/** How a comparison row's interval and verdict read, in the baseline and drift tables of both reports. */
final class ChangeTexts {

  private ChangeTexts() {}

  /** "+3 % to +22 %"; empty for a row not judged or read from a summary without intervals. */
  static String interval(ChangeInterval change) {
    return change == null || !change.judged() ? "" : change.text();
  }

  /** A baseline row's verdict with what it rests on ("within noise", "not judged: needs 86 OK samples ..."). */
  static String verdict(Comparison.Delta delta) {
    return withNote(delta.interval(), delta.regression() ? "REGRESSION" : null, delta.regression() ? "REGRESSION"
        : "ok");
  }

  /** A drift row's verdict with what it rests on; a summary written before intervals says what it said then. */
  static String verdict(Drift.RowDrift row) {
    return withNote(row.interval(), row.drifted() ? "drifted" : null, !row.judged() ? "not judged: too few samples"
        : row.drifted() ? "drifted" : "holds");
  }

  /** The windows a drift left out, as a muted line; empty when none was. */
  static String leftOut(Drift drift) {
    return drift.leftOut() == null ? "" : "<p class=\"muted\">" + Texts.esc(drift.leftOut()) + "</p>";
  }

  /** @param failed the word the tables flag a failure with, or null; without an interval, {@code before} */
  private static String withNote(ChangeInterval change, String failed, String before) {
    if (change == null) {
      return before;
    }
    String word = failed != null ? failed : change.verdict();
    return change.note() == null ? word : word + ": " + change.note();
  }
}
