package llmperf.profiles;

/** Rates as the console and the sign-off print them: no decimals when whole, else up to two. */
public final class Rates {

  private Rates() {}

  public static String shown(double rate) {
    if (rate == Math.rint(rate)) {
      return String.valueOf((long) rate);
    }
    String two = String.format(java.util.Locale.ROOT, "%.2f", rate);
    return two.endsWith("0") ? two.substring(0, two.length() - 1) : two;
  }
}
