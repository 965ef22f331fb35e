package llmperf.suite.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static llmperf.profiles.LoadSchedule.atLeastOneSecond;

import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import llmperf.profiles.LoadSchedule;
import llmperf.profiles.Profiles;

/** The open-model load shapes of SPEC section 5, built from the profiles of the selected scale. */
public final class LoadShapes {

  private LoadShapes() {}

  /** Ramp up to the rate, then hold it; with poisson = true arrivals are randomised around it. */
  public static List<OpenInjectionStep> steady(Profiles.Steady steady) {
    List<OpenInjectionStep> steps = new ArrayList<>();
    if (!steady.ramp().isZero()) {
      steps.add(rampUsersPerSec(0).to(steady.rate()).during(steady.ramp()));
    }
    OpenInjectionStep.ConstantRate.ConstantRateOpenInjectionStep hold =
        constantUsersPerSec(steady.rate()).during(steady.duration());
    steps.add(steady.poisson() ? hold.randomized() : hold);
    return steps;
  }

  /**
   * Base rate for a recovery window (the reference), a jump to the peak within the ramp, the peak held, back to
   * base, and base held for the allowed recovery time. {@link #afterSpike} continues from there.
   */
  public static List<OpenInjectionStep> spike(Profiles.Spike spike, Duration allowedRecovery) {
    List<OpenInjectionStep> steps = new ArrayList<>();
    steps.add(constantUsersPerSec(spike.baseRate()).during(spike.recoveryWindow()));
    steps.add(rampUsersPerSec(spike.baseRate()).to(spike.peakRate()).during(atLeastOneSecond(spike.ramp())));
    steps.add(constantUsersPerSec(spike.peakRate()).during(spike.hold()));
    steps.add(rampUsersPerSec(spike.peakRate()).to(spike.baseRate()).during(atLeastOneSecond(spike.ramp())));
    steps.add(constantUsersPerSec(spike.baseRate()).during(atLeastOneSecond(allowedRecovery)));
    return steps;
  }

  /** The window after the allowed recovery time: base rate again, run in its own group so budgets can target it. */
  public static List<OpenInjectionStep> afterSpike(Profiles.Spike spike, Duration allowedRecovery) {
    return List.of(nothingFor(LoadSchedule.afterSpikeStart(spike, allowedRecovery)),
        constantUsersPerSec(spike.baseRate()).during(spike.recoveryWindow()));
  }

  public static List<OpenInjectionStep> soak(Profiles.Soak soak) {
    return List.of(constantUsersPerSec(soak.rate()).during(soak.duration()));
  }

  /** One stair of a staircase: nothing until its turn, then its rate for one step. */
  public static List<OpenInjectionStep> stair(Profiles.Stairs stairs, int index) {
    Duration offset = stairs.stepDuration().multipliedBy(index);
    List<OpenInjectionStep> steps = new ArrayList<>();
    if (!offset.isZero()) {
      steps.add(nothingFor(offset));
    }
    double rate = LoadSchedule.stairRate(stairs, index);
    if (!stairs.ramp().isZero() && index > 0) {
      steps.add(rampUsersPerSec(LoadSchedule.stairRate(stairs, index - 1)).to(rate).during(stairs.ramp()));
      steps.add(constantUsersPerSec(rate).during(stairs.stepDuration().minus(stairs.ramp())));
    } else {
      steps.add(constantUsersPerSec(rate).during(stairs.stepDuration()));
    }
    return steps;
  }
}
