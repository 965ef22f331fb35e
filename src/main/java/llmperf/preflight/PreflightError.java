package llmperf.preflight;

/**
 * The target could not be used as configured: its message is the one line the user sees ("GET url: cause").
 * It carries no stack trace because the trace would only bury that line.
 */
public final class PreflightError extends RuntimeException {

  private final String headline;

  public PreflightError(String message) {
    this("Target unreachable", message);
  }

  /** @param headline what failed, before ", no load started: " and the message */
  public PreflightError(String headline, String message) {
    super(message, null, false, false);
    this.headline = headline;
  }

  /** The one line the console shows. */
  public String line() {
    return headline + ", no load started: " + getMessage();
  }
}
