package llmperf.signoff.log;

import java.util.Objects;

/**
 * An action that crashed without producing a request row: a request that could not be built, an SSE or WebSocket
 * action on a stream that was already closed or crashed, and the like. Gatling writes the message as
 * "{@code <action name>: <error> }" (trailing space included). It shows in the report's error table only: no
 * request row counts it as KO, so a failed-requests assertion does not see it.
 */
public record ErrorRecord(String message, long timestampEpochMs) {

  public ErrorRecord {
    Objects.requireNonNull(message, "message");
  }
}
