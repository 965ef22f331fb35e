package llmperf.data;

/**
 * A mistake in a data file the suite reads: its message is the one line the user sees, naming the file, the line,
 * the column, the value and what is allowed. It carries no stack trace because the trace would only bury that line.
 */
public final class DataError extends RuntimeException {

  public DataError(String message) {
    super(message, null, false, false);
  }
}
