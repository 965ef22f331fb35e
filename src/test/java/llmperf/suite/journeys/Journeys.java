package llmperf.suite.journeys;

import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.repeat;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmperf.config.PromptSettings;
import llmperf.config.SuiteConfig;
import llmperf.config.TargetConfig;
import llmperf.data.DatasetPrompts;
import llmperf.data.PromptTokens;
import llmperf.suite.endpoints.ApiKeyEndpoints;
import llmperf.suite.endpoints.ChatSocketEndpoints;
import llmperf.suite.endpoints.EnhanceEndpoints;
import llmperf.suite.endpoints.OpenAiEndpoints;
import llmperf.suite.endpoints.PlatformEndpoints;
import llmperf.suite.endpoints.StorytailorEndpoints;
import llmperf.suite.feeders.Feeders;
import llmperf.suite.measure.AudioMeasurement;
import llmperf.metrics.RowNames;
import llmperf.metrics.StreamFormat;
import llmperf.suite.measure.StreamMeasurement;

/** The user journeys of the source documents, as reusable chains built from the endpoints, keyed by mix name. */
public final class Journeys {

  static final String TEXT_TO_SPEECH_STREAM = "text-to-speech stream";
  /** The Replay simulation's group, and its rows besides the stream rows. */
  public static final String REPLAY = "replay";
  private static final String REPLAY_HEADERS = RowNames.headers(REPLAY);
  private static final String REPLAY_BODY = RowNames.body(REPLAY);
  private static final String TURN_INDEX = "llmperf.conversation.turnIndex";
  private static final StreamMeasurement.Turn CONVERSATION_TURN = new StreamMeasurement.Turn(
      session -> session.getInt(TURN_INDEX) + 1, OpenAiEndpoints.REPLY, OpenAiEndpoints::promptChars);

  private final PlatformEndpoints platform;
  private final ChatSocketEndpoints chatSocket;
  private final OpenAiEndpoints openAi;
  private final StorytailorEndpoints storytailor;
  private final EnhanceEndpoints enhance;
  private final ApiKeyEndpoints apiKeys;
  private final StreamMeasurement streams;
  private final AudioMeasurement audio;
  private final int chatTurns;
  private final int conversationTurns;
  private final long promptSeed;
  private final PromptSettings promptSettings;
  private final PromptTokens promptTokens;
  private final Duration thinkTime;
  private final ChainBuilder journeyStarts;
  private final ChainBuilder journeyEnded;

  /**
   * @param promptTokens how synthetic prompts are sized and dataset prompts counted
   * @param journeyStarts where a journey starts: the generator monitor's start and the schedule's stamp
   * @param journeyEnded where a journey that ran to its end goes on: the abort watch's count
   */
  public Journeys(SuiteConfig config, TargetConfig target, PromptTokens promptTokens, StreamMeasurement streams,
      AudioMeasurement audio, ChainBuilder journeyStarts, ChainBuilder journeyEnded) {
    this.platform = new PlatformEndpoints(target);
    this.chatSocket = new ChatSocketEndpoints(target);
    this.openAi = new OpenAiEndpoints(target);
    this.storytailor = new StorytailorEndpoints(target);
    this.enhance = new EnhanceEndpoints(target);
    this.apiKeys = new ApiKeyEndpoints(target);
    this.streams = streams;
    this.audio = audio;
    this.chatTurns = config.chatTurns();
    this.conversationTurns = config.conversationTurns();
    this.promptSeed = config.promptSeed();
    this.promptSettings = config.prompts();
    this.promptTokens = promptTokens;
    this.thinkTime = config.profiles().thinkTime();
    this.journeyStarts = journeyStarts;
    this.journeyEnded = journeyEnded;
  }

  /** Every journey, by its name in the mix. */
  public Map<String, Journey> all() {
    Map<String, Journey> all = new LinkedHashMap<>();
    for (Journey journey : List.of(chatSse(), chatWebSocket(), conversation(), story(), voice(), personality(),
        subtitles(), enhance(), apiKeys(), health())) {
      all.put(journey.name(), journey);
    }
    return all;
  }

  /** RezNet's conversation: log in, agents, channels, then turns of send, stream the reply, read the page, think. */
  Journey chatSse() {
    ChainBuilder chain = login()
        .exec(platform.listAgents())
        .exec(platform.listChannels())
        .exec(exitIfFailed())
        .repeat(chatTurns).on(
            feed(prompts("chat-sse"))
                .exec(streams.startReply())
                .exec(platform.sendMessage())
                .exec(exitIfFailed())
                .exec(streams.sse(StreamFormat.CHAT_SSE, PlatformEndpoints.REPLY_HEADERS, PlatformEndpoints.REPLY_BODY,
                    platform::replyStream))
                .exec(platform.readMessages())
                .pause(thinkTime));
    return journey("chat-sse", chain,
        List.of("login", "list agents", "list channels", "send message", "read messages"),
        RowNames.END_TO_END);
  }

  /** T3's WebSocket chat: several turns on one socket, tokens as frames. */
  Journey chatWebSocket() {
    ChainBuilder chain = login()
        .exec(platform.listAgents())
        .exec(platform.listChannels())
        .exec(chatSocket.connect())
        .exec(exitIfFailed())
        .repeat(chatTurns).on(
            feed(prompts("chat-ws"))
                .exec(streams.webSocket(StreamFormat.CHAT_WS, ChatSocketEndpoints.SOCKET, chatSocket.sendChat()))
                .pause(thinkTime))
        .exec(chatSocket.close());
    return journey("chat-ws", chain, List.of("login", "list agents", "list channels"), RowNames.END_TO_END);
  }

  /**
   * RezNet's users holding a conversation with an OpenAI-compatible server: each turn sends the whole history (every
   * earlier prompt and reply) again, as chat clients do, so the prompt and its prefill grow turn by turn. With a
   * dataset, one drawn conversation's user turns, in order, however many it has.
   */
  Journey conversation() {
    ChainBuilder turn = exec(streams.conversationTurn(openAi.streamFormat(), OpenAiEndpoints.CONVERSATION_HEADERS,
            OpenAiEndpoints.CONVERSATION_BODY, openAi::conversationTurn, CONVERSATION_TURN))
        .exec(exitIfFailed())
        .exec(OpenAiEndpoints::rememberTurn)
        .pause(thinkTime);
    ChainBuilder turns = promptSettings.isDataset()
        ? feed(completionPrompts("conversation", 0))
            .repeat(session -> datasetTurns(session).size(), TURN_INDEX).on(
                exec(session -> session.setAll(datasetTurns(session).get(session.getInt(TURN_INDEX))))
                    .exec(turn))
        : repeat(conversationTurns, TURN_INDEX).on(feed(completionPrompts("conversation", 0)).exec(turn));
    ChainBuilder chain = exec(openAi.models())
        .exec(exitIfFailed())
        .exec(session -> session.set(OpenAiEndpoints.HISTORY, List.of()))
        .exec(turns);
    return journey("conversation", chain, List.of("list models"), RowNames.END_TO_END);
  }

  private static List<Map<String, Object>> datasetTurns(Session session) {
    return session.get(DatasetPrompts.TURNS);
  }

  /** Storytailor / HuleEdu: a streamed story from an OpenAI-compatible server, then a non-streamed one. */
  Journey story() {
    ChainBuilder chain = exec(openAi.models())
        .feed(completionPrompts("story stream", openAi.storyPromptOverheadChars()))
        .exec(streams.sse(openAi.streamFormat(), OpenAiEndpoints.STORY_HEADERS, OpenAiEndpoints.STORY_BODY,
            openAi::storyStream))
        .feed(completionPrompts("story completion", openAi.storyPromptOverheadChars()))
        .exec(openAi.storyCompletion());
    return journey("story", chain, List.of("list models"), RowNames.END_TO_END);
  }

  /**
   * A trace replay's request: the streamed completion of the row {@code rows} feeds (prompt, max_tokens), under the
   * group {@code replay}; one user sends one request.
   */
  public Journey replay(Iterator<Map<String, Object>> rows) {
    ChainBuilder chain = feed(rows).exec(streams.sse(openAi.streamFormat(), REPLAY_HEADERS, REPLAY_BODY,
        openAi::replayStream));
    return journey(REPLAY, chain, List.of(), RowNames.END_TO_END);
  }

  /** Storytailor's narration: streamed audio to play at once, then the whole file to keep. */
  Journey voice() {
    ChainBuilder chain = feed(Feeders.voices())
        .exec(audio.stream(TEXT_TO_SPEECH_STREAM, storytailor.textToSpeechStream()))
        .exec(exitIfFailed())
        .exec(storytailor.textToSpeech());
    return journey("voice", chain, List.of(), TEXT_TO_SPEECH_STREAM);
  }

  Journey personality() {
    return journey("personality", feed(Feeders.voices()).exec(storytailor.personality()), List.of(), "personality");
  }

  Journey subtitles() {
    return journey("subtitles", feed(Feeders.voices()).exec(storytailor.subtitles()), List.of(), "subtitles");
  }

  /** BetterPrompts' ML pipeline. */
  Journey enhance() {
    return journey("enhance", login().feed(prompts("enhance")).exec(enhance.enhance()), List.of("login"), "enhance");
  }

  /** T3's key management: create, list, validate and delete a provider key; then the performance counters. */
  Journey apiKeys() {
    ChainBuilder chain = login()
        .exec(apiKeys.create())
        .exec(apiKeys.list())
        .exec(apiKeys.validate())
        .exec(apiKeys.delete())
        .exec(platform.performanceStats());
    return journey("api-keys", chain,
        List.of("login", "create api key", "list api keys", "validate api key", "delete api key", "performance stats"),
        "create api key");
  }

  Journey health() {
    return journey("health", exec(platform.health()), List.of("health"), "health");
  }

  /** The prompts one journey step draws: the same sequence in every run with the same journeys.prompt-seed. */
  private Iterator<Map<String, Object>> prompts(String drawer) {
    return Feeders.prompts(promptSeed, drawer);
  }

  /**
   * The prompts of an OpenAI-compatible journey step, from prompts.source.
   *
   * @param overheadChars characters the request adds that the server counts as prompt: a synthetic prompt is sized
   *     so that the whole request has its tokens (0 for a conversation: each new message has them, the history
   *     comes on top)
   */
  private Iterator<Map<String, Object>> completionPrompts(String drawer, int overheadChars) {
    return Feeders.completionPrompts(promptSettings, promptTokens, promptSeed, drawer, overheadChars);
  }

  /** Logs in; a user whose login failed has no token and stops here rather than failing every later request. */
  private ChainBuilder login() {
    return feed(Feeders.users()).exec(platform.login()).exec(exitIfFailed());
  }

  /** A failed user leaves the journey here; it still counts as a failed journey for the abort watch. */
  private ChainBuilder exitIfFailed() {
    return doIf(Session::isFailed).then(journeyEnded).exitHereIfFailed();
  }

  /** A journey's steps in its group; the user's streaming connections close when it ends. */
  private Journey journey(String name, ChainBuilder steps, List<String> restRequests, String measured) {
    return new Journey(name, exec(journeyStarts).exec(group(name).on(steps)).exec(streams.closeConnections())
        .exec(journeyEnded), restRequests, measured);
  }
}
