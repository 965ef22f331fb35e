package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmperf.metrics.ErrorClass;
import llmperf.safety.SecretMasking;
import llmperf.signoff.Summary;
import llmperf.signoff.log.RequestRecord;

/** The run's failed requests by cause, most frequent first; a failed reply counts once, by its end-to-end row. */
final class ErrorCauses {

  private static final int EXAMPLE_LENGTH = 160;

  private ErrorCauses() {}

  static List<Summary.ErrorCause> of(RunRecords run) {
    List<RequestRecord> requests = run.userRequestsUnder(List.of());
    Map<String, Long> counts = new LinkedHashMap<>();
    Map<String, String> examples = new LinkedHashMap<>();
    for (RequestRecord request : requests) {
      if (!request.ok()) {
        String cause = ErrorClass.causeOf(request.message());
        counts.merge(cause, 1L, Long::sum);
        examples.putIfAbsent(cause, example(request.message()));
      }
    }
    List<Summary.ErrorCause> causes = new ArrayList<>();
    counts.forEach((cause, count) -> causes.add(
        new Summary.ErrorCause(cause, count, 100.0 * count / requests.size(), examples.get(cause))));
    causes.sort(Comparator.comparingLong(Summary.ErrorCause::count).reversed());
    return causes;
  }

  private static String example(String message) {
    if (message == null) {
      return "";
    }
    String masked = SecretMasking.mask(message);
    return masked.length() <= EXAMPLE_LENGTH ? masked : masked.substring(0, EXAMPLE_LENGTH) + "...";
  }
}
