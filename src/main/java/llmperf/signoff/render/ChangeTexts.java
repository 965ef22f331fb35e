package llmperf.signoff.render;

import llmperf.signoff.analysis.ChangeInterval;

/** How a comparison row's interval and verdict read, in the baseline and drift tables of both reports. */
final class ChangeTexts {

  private ChangeTexts() {}

  /** "+3 % to +22 %"; empty for a row not judged or read from a summary without intervals. */
  static String interval(ChangeInterval change) {
    return change == null || !change.judged() ? "" : change.text();
  }

  /**
   * The verdict with what it rests on ("within noise", "not judged: needs 86 OK samples ..."); {@code failed} as the
   * tables flag failures, "REGRESSION" or "drifted".
   */
  static String verdict(ChangeInterval change, boolean failed, String failedWord, String passedWord) {
    if (change == null) {
      return failed ? failedWord : passedWord;
    }
    String word = failed ? failedWord : change.verdict();
    return change.note() == null ? word : word + ": " + change.note();
  }
}
