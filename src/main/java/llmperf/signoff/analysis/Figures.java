package llmperf.signoff.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How the sign-off writes a figure: the verdicts the analysis words and both reports share these, so that a number
 * never reads differently from one place to the next.
 */
public final class Figures {

  private Figures() {}

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
}
