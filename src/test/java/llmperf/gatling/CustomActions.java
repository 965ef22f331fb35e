package llmperf.gatling;

import com.typesafe.scalalogging.Logger;
import io.gatling.core.action.Action;
import io.gatling.core.stats.StatsEngine;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Actions of the suite's own that wait for something outside Gatling (a response read by another client) without
 * holding a thread: Gatling's {@link Action} trait implemented from Java, which is internal API pinned to 3.15.1
 * (GatlingInternalsTest fails when the trait changes).
 */
public final class CustomActions {

  /** One virtual user's pass through a custom action. */
  public interface Step {

    Session session();

    /** Runs {@code task} on the virtual user's own event loop, where Gatling expects the user to go on. */
    void onUserLoop(Runnable task);

    /** Where to write report rows into the user's scenario and groups. */
    ReportRows.Writer rows(Session session);

    /** Hands the user to the next action; must be called exactly once, on the user's event loop. */
    void next(Session session);
  }

  private static final Logger LOGGER = Logger.apply(LoggerFactory.getLogger(CustomActions.class));

  private CustomActions() {}

  /** An action named {@code name} that runs {@code body} for every user reaching it. */
  public static ActionBuilder of(String name, Consumer<Step> body) {
    return () -> (context, next) -> new JavaAction(name, body, context.coreComponents().statsEngine(), next);
  }

  private record JavaAction(String name, Consumer<Step> body, StatsEngine statsEngine, Action next)
      implements Action {

    @Override
    public Logger logger() {
      return LOGGER;
    }

    @Override
    public void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger logger) {
      // Gatling's Scala actions get their logger through this setter; this action has its own.
    }

    @Override
    public void execute(io.gatling.core.session.Session user) {
      Session session = new Session(user);
      body.accept(new Step() {
        @Override
        public Session session() {
          return session;
        }

        @Override
        public void onUserLoop(Runnable task) {
          user.eventLoop().execute(task);
        }

        @Override
        public ReportRows.Writer rows(Session current) {
          return ReportRows.writer(statsEngine, current);
        }

        @Override
        public void next(Session current) {
          next.execute(current.asScala());
        }
      });
    }
  }
}
