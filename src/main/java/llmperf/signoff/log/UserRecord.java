package llmperf.signoff.log;

import java.util.Objects;

/** A virtual user entering ({@code start}) or leaving its scenario. */
public record UserRecord(String scenario, boolean start, long timestampEpochMs) {

  public UserRecord {
    Objects.requireNonNull(scenario, "scenario");
  }
}
