package llmperf.server;

import static llmperf.server.TargetTestSupport.authorized;
import static llmperf.server.TargetTestSupport.chatCompletion;
import static llmperf.server.TargetTestSupport.json;
import static llmperf.server.TargetTestSupport.parse;
import static llmperf.server.TargetTestSupport.request;
import static llmperf.server.TargetTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Same seed and same request sequence: same plans and same text; another seed: different ones. */
class DeterminismTest {

  private static final String COMPLETION = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
      + "\"content\":\"Explain determinism\"}],\"max_tokens\":24}";
  private static final String STREAM = COMPLETION.replace("}],", "}],\"stream\":true,");

  /** What a fixed sequence of requests observes: x-llmperf-* headers and generated text. */
  private static List<String> observe(TargetSettings settings) {
    HttpClient client = TargetTestSupport.client();
    List<String> seen = new ArrayList<>();
    try (EmbeddedTarget target = EmbeddedTarget.start(settings)) {
      String jwt = TargetTestSupport.login(client, target);
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> agents = send(client, authorized(target, "/api/v1/agents", jwt).build());
        seen.add("agents " + planHeaders(agents));
      }
      HttpResponse<String> completion = send(client, chatCompletion(target, COMPLETION));
      seen.add("completion " + planHeaders(completion) + " "
          + parse(completion.body()).get("choices").get(0).get("message").get("content").asText());
      HttpResponse<String> stream = send(client, chatCompletion(target, STREAM));
      seen.add("stream " + planHeaders(stream) + " " + streamedText(stream.body()));
      String replyId = parse(send(client, authorized(target, "/api/v1/channels/ch-1/messages", jwt)
          .POST(json("{\"content\":\"Hi there\"}")).build()).body()).get("reply_id").asText();
      HttpResponse<String> chat = send(client,
          authorized(target, "/api/v1/channels/ch-1/messages/" + replyId + "/stream", jwt).build());
      seen.add("chat " + planHeaders(chat) + " " + chat.body());
      HttpResponse<String> enhance = send(client,
          authorized(target, "/api/v1/enhance", jwt).POST(json("{\"prompt\":\"a poem\"}")).build());
      seen.add("enhance " + planHeaders(enhance));
    }
    return seen;
  }

  private static Map<String, List<String>> planHeaders(HttpResponse<String> resp) {
    Map<String, List<String>> plan = new TreeMap<>();
    resp.headers().map().forEach((name, values) -> {
      if (name.startsWith("x-llmperf-")) {
        plan.put(name, values);
      }
    });
    return plan;
  }

  private static String streamedText(String body) {
    StringBuilder text = new StringBuilder();
    for (String event : body.split("\n\n")) {
      if (event.contains("\"content\":\" ")) {
        text.append(parse(event.substring(6)).get("choices").get(0).get("delta").get("content").asText());
      }
    }
    return text.toString();
  }

  @Test
  void sameSeedSameSequenceGivesTheSamePlansAndText() {
    TargetSettings settings = TargetTestSupport.fast();
    List<String> first = observe(settings);
    List<String> second = observe(settings);
    assertEquals(first, second);
    assertEquals(7, first.size());
    // Each REST request draws its own service time.
    assertNotEquals(first.get(0), first.get(1));

    TargetSettings otherSeed = new TargetSettings(settings.host(), 0, settings.seed() + 1,
        settings.apiKey(), settings.userPassword(), settings.model(), settings.maxBodyBytes(),
        settings.restMedian(), settings.restP95(), settings.mlMedian(), settings.mlP95(),
        settings.slots(), settings.queueCapacity(), settings.retryAfter(), settings.prefillBase(),
        settings.prefillPerPromptToken(), settings.tokenInterval(), settings.contention(),
        settings.defaultMaxTokens(), settings.minOutputFraction(), settings.voiceFirstByte(),
        settings.voiceBytesPerSecond(), settings.voiceBytesPerChar(), settings.faults());
    List<String> other = observe(otherSeed);
    for (int i = 0; i < first.size(); i++) {
      assertNotEquals(first.get(i), other.get(i), "seed changed nothing in " + first.get(i));
    }
  }

  @Test
  void latencyMultiplierScalesThePlannedTimesExactly() {
    TargetSettings settings = TargetTestSupport.fast();
    List<String> normal = observeServiceTimes(settings);
    List<String> slowed = observeServiceTimes(settings.withFaults(
        new Faults(0, 10, Duration.ZERO, 0, Duration.ZERO, 0, 0)));
    for (int i = 0; i < normal.size(); i++) {
      assertEquals(Double.parseDouble(normal.get(i)) * 10, Double.parseDouble(slowed.get(i)), 0.001);
    }
  }

  private static List<String> observeServiceTimes(TargetSettings settings) {
    HttpClient client = TargetTestSupport.client();
    List<String> times = new ArrayList<>();
    try (EmbeddedTarget target = EmbeddedTarget.start(settings)) {
      for (int i = 0; i < 3; i++) {
        times.add(send(client, request(target, "/api/v1/health").build())
            .headers().firstValue("x-llmperf-service-ms").orElseThrow());
      }
      times.add(send(client, chatCompletion(target, COMPLETION.replace("24", "2")))
          .headers().firstValue("x-llmperf-prefill-ms").orElseThrow());
    }
    return times;
  }
}
