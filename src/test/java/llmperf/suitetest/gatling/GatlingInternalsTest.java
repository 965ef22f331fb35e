package llmperf.suitetest.gatling;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.gatling.app.Gatling$;
import io.gatling.commons.stats.Status;
import io.gatling.core.CoreComponents;
import io.gatling.core.action.Action;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.config.NettyConfiguration;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.netty.util.Transports;
import io.netty.channel.ChannelFactory;
import io.netty.util.Version;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import llmperf.signoff.log.SimulationLogReader;
import llmperf.suite.gatling.InjectionPlans;
import org.junit.jupiter.api.Test;
import scala.Option;

/**
 * The Gatling internals this package relies on, pinned: when Gatling's version or one of these signatures changes,
 * this test names what moved before any simulation misbehaves.
 */
class GatlingInternalsTest {

  @Test
  void gatlingOnTheClasspathIsTheVersionTheAdapterIsWrittenFor() {
    assertEquals(SimulationLogReader.SUPPORTED_GATLING_VERSION, Action.class.getPackage().getImplementationVersion(),
        "simulation.log's binary format, the report's HTML and the internal calls below are those of this version");
  }

  @Test
  void theActionTraitAsksForWhatCustomActionsImplements() {
    Set<String> abstractMethods = Arrays.stream(Action.class.getMethods())
        .filter(method -> Modifier.isAbstract(method.getModifiers()))
        .map(GatlingInternalsTest::signature)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(
        "com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(com.typesafe.scalalogging.Logger)",
        "execute(io.gatling.core.session.Session)",
        "logger()",
        "name()"), abstractMethods);
  }

  @Test
  void theStatsEngineLogsResponsesAsReportRowsCallsIt() throws NoSuchMethodException {
    assertNotNull(StatsEngine.class.getMethod("logResponse", String.class, scala.collection.immutable.List.class,
        String.class, long.class, long.class, Status.class, Option.class, Option.class));
    assertNotNull(Session.class.getMethod("groups"));
    assertNotNull(Session.class.getMethod("eventLoop"));
  }

  @Test
  void customActionsOpenSocketsOfTheTransportGatlingsEventLoopsRun() throws NoSuchMethodException {
    assertEquals(ChannelFactory.class,
        Transports.class.getMethod("newSocketChannelFactory", boolean.class, boolean.class).getReturnType());
    assertEquals(NettyConfiguration.class, GatlingConfiguration.class.getMethod("netty").getReturnType());
    assertEquals(boolean.class, NettyConfiguration.class.getMethod("useNativeTransport").getReturnType());
    assertEquals(boolean.class, NettyConfiguration.class.getMethod("useIoUring").getReturnType());
    assertEquals(GatlingConfiguration.class, CoreComponents.class.getMethod("configuration").getReturnType());
  }

  @Test
  void gatlingRunsInProcessAndReturnsItsExitCode() throws NoSuchMethodException {
    assertEquals(int.class, Gatling$.class.getMethod("fromArgs", String[].class).getReturnType());
  }

  @Test
  void theServerRunsOnTheNettyGatlingBrings() throws IOException {
    Matcher pinned = Pattern.compile("<netty.version>(.+?)</netty.version>").matcher(Files.readString(Path.of("pom.xml")));
    assertEquals(true, pinned.find(), "pom.xml pins netty.version");
    Set<String> versions = Version.identify().values().stream().map(Version::artifactVersion)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(pinned.group(1)), versions,
        "every Netty artifact on the classpath (Gatling's and the server's) is of one version, the pinned one");
  }

  @Test
  void injectionPlansReadTheArrivalTimesGatlingsInjectorDrawsFrom() throws NoSuchMethodException {
    assertNotNull(io.gatling.core.controller.inject.open.OpenInjectionStep.class.getMethod("chain",
        scala.collection.Iterator.class));
    long[] constant = InjectionPlans.offsetsMillis(List.of(constantUsersPerSec(5).during(2)));
    assertEquals(10, constant.length);
    assertEquals(5, Arrays.stream(constant).filter(offset -> offset < 1000).count(), "5 users in each second");
    assertArrayEquals(new long[] {3000, 4000},
        InjectionPlans.offsetsMillis(List.of(nothingFor(Duration.ofSeconds(3)), constantUsersPerSec(1).during(2))),
        "a step starts where the steps before it end");
    List<OpenInjectionStep> poisson = List.of(constantUsersPerSec(50).during(2).randomized());
    long[] drawn = InjectionPlans.offsetsMillis(poisson);
    assertEquals(100, drawn.length);
    assertArrayEquals(drawn, InjectionPlans.offsetsMillis(poisson), "a randomised step keeps its seed: Gatling's draw");
  }

  private static String signature(Method method) {
    return method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getName)
        .collect(Collectors.joining(",", "(", ")"));
  }
}
