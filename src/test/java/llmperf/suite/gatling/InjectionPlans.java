package llmperf.suite.gatling;

import io.gatling.javaapi.core.OpenInjectionStep;
import java.util.Arrays;
import java.util.List;
import scala.collection.Iterator;
import scala.concurrent.duration.FiniteDuration;

/**
 * When each user of an open injection profile is due, as Gatling itself plans it. Gatling keeps no planned time on
 * a user's session, but its steps expose the iterator its injector draws from ({@code chain}, package-private in
 * Scala, public in the bytecode; pinned to 3.15.1 by GatlingInternalsTest). A randomised (Poisson) step keeps the
 * seed it was built with, so the same step object yields the same arrival times Gatling's run draws.
 */
public final class InjectionPlans {

  private InjectionPlans() {}

  /** The planned start of every user, in ms from the start of the scenario's injection, in Gatling's order. */
  public static long[] offsetsMillis(List<OpenInjectionStep> steps) {
    // As Gatling's UserStream: each step chains the ones after it, shifted by its own duration.
    Iterator<FiniteDuration> users = scala.collection.Iterator$.MODULE$.empty();
    for (int i = steps.size() - 1; i >= 0; i--) {
      users = steps.get(i).asScala().chain(users);
    }
    long[] offsets = new long[16];
    int count = 0;
    while (users.hasNext()) {
      if (count == offsets.length) {
        offsets = Arrays.copyOf(offsets, count * 2);
      }
      offsets[count++] = users.next().toMillis();
    }
    return Arrays.copyOf(offsets, count);
  }
}
