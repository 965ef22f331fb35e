package llmperf.preflight;

/**
 * The target could not be reached as configured: its message is the one line the user sees ("GET url: cause").
 * It carries no stack trace because the trace would only bury that line.
 */
public final class PreflightError extends RuntimeException {

  public PreflightError(String message) {
    super(message, null, false, false);
  }
}
