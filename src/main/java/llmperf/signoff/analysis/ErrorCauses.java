package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The run's failed requests by cause, most frequent first; a failed reply counts once, by its end-to-end row. */
final class ErrorCauses {

  private ErrorCauses() {}

  static List<Summary.ErrorCause> of(RunTally run) {
    long requests = run.userRequestsUnder(List.of()).count();
    List<Summary.ErrorCause> causes = new ArrayList<>();
    run.causes().forEach((cause, seen) -> causes.add(
        new Summary.ErrorCause(cause, seen.count(), 100.0 * seen.count() / requests, seen.example())));
    causes.sort(Comparator.comparingLong(Summary.ErrorCause::count).reversed());
    return causes;
  }
}
