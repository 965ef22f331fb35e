package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import llmperf.bench.TtftFidelity;
import llmperf.config.SuiteConfig;
import llmperf.server.EmbeddedTarget;
import llmperf.signoff.analysis.Summary;
import llmperf.support.GatlingRun;
import org.junit.jupiter.api.Test;

/**
 * A reference server run on its own (here: started by the test, reached only over HTTP as a process of its own
 * would be) hands the suite its records after the run, and the sign-off holds every OK reply to them.
 */
class ServerRecordsIT {

  @Test
  void aServerOnItsOwnIsCollectedFromAfterTheRunAndEveryReplyIsJoined() {
    try (EmbeddedTarget server = EmbeddedTarget.start(SuiteConfig.defaults().embeddedTarget())) {
      Summary summary = GatlingRun.run(TtftFidelity.class, Map.of("target.base-url", server.baseUrl(),
          "target.api-key", SuiteConfig.defaults().embeddedTarget().apiKey(), "fidelity.streams", "4",
          "fidelity.seconds", "3", "fidelity.warm-up-seconds", "2")).signOff();
      Summary.Streaming measured = summary.streaming().stream()
          .filter(journey -> journey.journey().equals("fidelity")).findFirst().orElseThrow();
      Summary.Truth truth = measured.truth();
      assertNotNull(truth, "the server's records were collected");
      assertTrue(truth.otherProcess());
      assertEquals(measured.replies() - measured.failedReplies(), truth.joined(), "every OK reply has its record");
      assertEquals(0, truth.missing());
      assertTrue(truth.serverTtft().p50() > 80 && truth.serverTtft().p50() < 90, "the planned 82.6 ms: " + truth);
      assertFalse(truth.negative() > 0, "no reply measured shorter than the server saw it");
    }
  }
}
