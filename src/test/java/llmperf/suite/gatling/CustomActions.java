package llmperf.suite.gatling;

import com.typesafe.scalalogging.Logger;
import io.gatling.core.action.Action;
import io.gatling.core.config.NettyConfiguration;
import io.gatling.core.stats.StatsEngine;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.netty.util.Transports;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Actions of the suite's own that wait for something outside Gatling (a response read by the suite's own client)
 * without holding a thread: Gatling's {@link Action} trait implemented from Java, which is internal API pinned to
 * 3.15.1, as are the transport settings and channel factory of Gatling's event loops (GatlingInternalsTest fails
 * when they change).
 */
public final class CustomActions {

  /** One virtual user's pass through a custom action. */
  public interface Step {

    Session session();

    /** Runs {@code task} on the virtual user's own event loop, where Gatling expects the user to go on. */
    void onUserLoop(Runnable task);

    /** The virtual user's own event loop (one of Gatling's Netty loops). */
    EventLoop eventLoop();

    /** Socket channels of the transport Gatling's event loops run (native epoll or io_uring, or NIO). */
    ChannelFactory<? extends SocketChannel> socketChannels();

    /** Where to write report rows into the user's scenario and groups. */
    ReportRows.Writer rows(Session session);

    /** Hands the user to the next action; must be called exactly once, on the user's event loop. */
    void next(Session session);
  }

  private static final Logger LOGGER = Logger.apply(LoggerFactory.getLogger(CustomActions.class));

  private CustomActions() {}

  /**
   * No action at run time: when Gatling builds the scenario it hands {@code use} the event loops its virtual users
   * run on, once per scenario.
   */
  public static ActionBuilder withEventLoops(Consumer<EventLoopGroup> use) {
    return () -> (context, next) -> {
      use.accept(context.coreComponents().eventLoopGroup());
      return next;
    };
  }

  /** An action named {@code name} that runs {@code body} for every user reaching it. */
  public static ActionBuilder of(String name, Consumer<Step> body) {
    return () -> (context, next) -> {
      NettyConfiguration netty = context.coreComponents().configuration().netty();
      return new JavaAction(name, body, context.coreComponents().statsEngine(),
          Transports.newSocketChannelFactory(netty.useNativeTransport(), netty.useIoUring()), next);
    };
  }

  private record JavaAction(String name, Consumer<Step> body, StatsEngine statsEngine,
      ChannelFactory<? extends SocketChannel> socketChannels, Action next) implements Action {

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
        public EventLoop eventLoop() {
          return user.eventLoop();
        }

        @Override
        public ChannelFactory<? extends SocketChannel> socketChannels() {
          return socketChannels;
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
