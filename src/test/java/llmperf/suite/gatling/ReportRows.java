package llmperf.suite.gatling;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.stats.Status;
import io.gatling.core.action.Action;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.Session;
import java.util.function.BiFunction;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Writes custom timings as rows of Gatling's own report, so that TTFT, inter-chunk latency and end-to-end
 * appear in index.html and can be asserted with {@code details(group, row)} like any request.
 *
 * <p>Gatling has no public API for this. The stats engine that every request action writes to is reachable
 * from {@link ScenarioContext} when an action is built; this class captures it there and logs through
 * {@code StatsEngine.logResponse}, the call Gatling's own actions make. Both are internal to Gatling and pinned
 * to 3.15.1: GatlingInternalsTest fails when their signatures change, and RunLogIT matches every row of a run,
 * these included, with the report's pages.
 */
public final class ReportRows {

  /** Writes one row: a name, a start and end in epoch ms, and a failure message or null for OK. */
  public interface Writer {
    void row(String name, long start, long end, String failure);
  }

  private ReportRows() {}

  /**
   * An action that hands a {@link Writer} bound to the current virtual user (its scenario and groups) to
   * {@code record}, which returns the session to continue with.
   */
  public static ActionBuilder writing(BiFunction<Session, Writer, Session> record) {
    return () -> new io.gatling.core.action.builder.ActionBuilder() {
      @Override
      public Action build(ScenarioContext context, Action next) {
        StatsEngine statsEngine = context.coreComponents().statsEngine();
        return CoreDsl.exec(session -> record.apply(session, writer(statsEngine, session)))
            .wrapped.build(context, next);
      }
    };
  }

  /** The groups the user is in, outermost first, as the report names their rows: "stair 1 (2 users/s) / chat-sse". */
  public static String groupPath(Session session) {
    return String.join(" / ", CollectionConverters.asJava(session.asScala().groups()));
  }

  /** A writer of rows into {@code session}'s scenario and groups. */
  static Writer writer(StatsEngine statsEngine, Session session) {
    io.gatling.core.session.Session user = session.asScala();
    return (name, start, end, failure) -> {
      Status status = failure == null ? OK$.MODULE$ : KO$.MODULE$;
      statsEngine.logResponse(user.scenario(), user.groups(), name, start, end, status, Option.empty(),
          Option.apply(failure));
    };
  }
}
