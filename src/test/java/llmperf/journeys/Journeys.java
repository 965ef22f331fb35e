package llmperf.journeys;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;

import io.gatling.javaapi.core.ChainBuilder;
import llmperf.config.TargetConfig;
import llmperf.endpoints.ApiKeyEndpoints;
import llmperf.endpoints.EnhanceEndpoints;
import llmperf.endpoints.OpenAiEndpoints;
import llmperf.endpoints.PlatformEndpoints;
import llmperf.endpoints.StorytailorEndpoints;
import llmperf.feeders.Feeders;

/** The user journeys of the source documents, as reusable chains built from the endpoints. */
public final class Journeys {

  private final PlatformEndpoints platform;
  private final OpenAiEndpoints openAi;
  private final StorytailorEndpoints storytailor;
  private final EnhanceEndpoints enhance;
  private final ApiKeyEndpoints apiKeys;

  public Journeys(TargetConfig target) {
    this.platform = new PlatformEndpoints(target);
    this.openAi = new OpenAiEndpoints(target);
    this.storytailor = new StorytailorEndpoints(target);
    this.enhance = new EnhanceEndpoints(target);
    this.apiKeys = new ApiKeyEndpoints(target);
  }

  /** Log in, as every /api/v1 journey starts. */
  public ChainBuilder login() {
    return feed(Feeders.users()).exec(platform.login());
  }

  /** RezNet's chat journey over REST: agents, channels, send a message, read the page. */
  public ChainBuilder chat() {
    return login()
        .exec(platform.listAgents())
        .exec(platform.listChannels())
        .feed(Feeders.prompts())
        .exec(platform.sendMessage())
        .exec(platform.readMessages());
  }

  public ChainBuilder story() {
    return feed(Feeders.prompts()).exec(openAi.models()).exec(openAi.storyCompletion());
  }

  public ChainBuilder voice() {
    return feed(Feeders.voices()).exec(storytailor.textToSpeech());
  }

  public ChainBuilder personality() {
    return feed(Feeders.voices()).exec(storytailor.personality());
  }

  public ChainBuilder subtitles() {
    return feed(Feeders.voices()).exec(storytailor.subtitles());
  }

  public ChainBuilder enhance() {
    return login().feed(Feeders.prompts()).exec(enhance.enhance());
  }

  /** T3's key management: create, list, validate and delete a provider key. */
  public ChainBuilder apiKeys() {
    return login()
        .exec(apiKeys.create())
        .exec(apiKeys.list())
        .exec(apiKeys.validate())
        .exec(apiKeys.delete())
        .exec(platform.performanceStats());
  }

  public ChainBuilder health() {
    return exec(platform.health());
  }
}
