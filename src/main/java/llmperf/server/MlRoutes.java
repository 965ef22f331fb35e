package llmperf.server;

import static io.netty.handler.codec.http.HttpMethod.POST;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * The ML pipelines (Storytailor's personality and WebVTT, BetterPrompts' enhance). Each answers after an
 * ML service time with a plausible result derived from its input text, so equal inputs give equal outputs.
 */
final class MlRoutes {

  private static final String[] TRAITS =
      {"openness", "conscientiousness", "extraversion", "agreeableness", "neuroticism"};
  private static final String[] ARCHETYPES =
      {"Explorer", "Guardian", "Performer", "Caregiver", "Sentinel"};
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  /** Speaking rate assumed when the caller gives no audio duration: about 15 characters a second. */
  private static final long MILLIS_PER_CHAR = 65;

  void register(Router router) {
    router.add(POST, "/v1/personality", Router.Auth.API_KEY, Router.Timing.ML, this::personality);
    router.add(POST, "/v1/webvtt", Router.Auth.API_KEY, Router.Timing.ML, this::webvtt);
    router.add(POST, "/api/v1/enhance", Router.Auth.JWT, Router.Timing.ML, this::enhance);
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private void personality(Exchange ex) {
    String text = Json.requiredText(ex.jsonBody(), "text");
    SplittableRandom fromText = new SplittableRandom(text.hashCode());
    ObjectNode body = Json.object();
    ObjectNode traits = body.putObject("traits");
    int strongest = 0;
    double best = -1;
    for (int i = 0; i < TRAITS.length; i++) {
      double score = round3(fromText.nextDouble());
      traits.put(TRAITS[i], score);
      if (score > best) {
        best = score;
        strongest = i;
      }
    }
    body.put("archetype", ARCHETYPES[strongest]);
    int words = WHITESPACE.split(text.trim()).length;
    body.put("confidence", round3(0.55 + 0.4 * Math.min(1.0, words / 100.0)));
    ex.sendJson(HttpResponseStatus.OK, body);
  }

  private void webvtt(Exchange ex) {
    ObjectNode request = ex.jsonBody();
    String text = Json.requiredText(request, "text");
    List<String> sentences = new ArrayList<>();
    long chars = 0;
    for (String s : SENTENCE_END.split(text.trim())) {
      // Cue text must be one line and must not contain the cue arrow.
      String cue = WHITESPACE.matcher(s).replaceAll(" ").replace("-->", "->").trim();
      if (!cue.isEmpty()) {
        sentences.add(cue);
        chars += cue.length();
      }
    }
    long totalMs = Json.optionalPositiveInt(request, "audio_duration_ms", 0);
    if (totalMs == 0) {
      totalMs = chars * MILLIS_PER_CHAR;
    }
    StringBuilder vtt = new StringBuilder("WEBVTT\n\n");
    long seenChars = 0;
    for (int i = 0; i < sentences.size(); i++) {
      // Each cue lasts in proportion to its share of the text.
      long start = totalMs * seenChars / chars;
      seenChars += sentences.get(i).length();
      long end = totalMs * seenChars / chars;
      vtt.append(i + 1).append('\n')
          .append(timestamp(start)).append(" --> ").append(timestamp(end)).append('\n')
          .append(sentences.get(i)).append("\n\n");
    }
    FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
        Unpooled.wrappedBuffer(vtt.toString().getBytes(StandardCharsets.UTF_8)));
    resp.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/vtt; charset=utf-8");
    ex.send(resp);
  }

  private static String timestamp(long ms) {
    return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d",
        ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
  }

  private void enhance(Exchange ex) {
    String prompt = Json.requiredText(ex.jsonBody(), "prompt");
    String lower = prompt.toLowerCase(Locale.ROOT);
    String intent;
    List<String> techniques = new ArrayList<>();
    if (lower.contains("code") || lower.contains("function") || lower.contains("bug")) {
      intent = "code_generation";
      techniques.add("few_shot");
    } else if (lower.contains("summar")) {
      intent = "summarization";
      techniques.add("structured_output");
    } else if (lower.trim().endsWith("?")) {
      intent = "question_answering";
      techniques.add("chain_of_thought");
    } else {
      intent = "general";
    }
    techniques.add("role_prompting");
    ObjectNode body = Json.object();
    body.put("original_prompt", prompt);
    body.putObject("intent")
        .put("label", intent)
        .put("confidence", round3(0.6 + 0.35 * new SplittableRandom(prompt.hashCode()).nextDouble()));
    ArrayNode list = body.putArray("techniques");
    techniques.forEach(list::add);
    body.put("enhanced_prompt", "You are an expert assistant. " + prompt.trim()
        + "\n\nThink it through step by step, state your assumptions, and answer clearly.");
    body.put("processing_ms", Math.round(ex.delayNanos() / 1e6));
    ex.sendJson(HttpResponseStatus.OK, body);
  }
}
