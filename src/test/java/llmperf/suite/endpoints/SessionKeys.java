package llmperf.suite.endpoints;

/** Names of the session attributes that endpoints save and read; feeders supply the rest (see src/test/resources/data). */
public final class SessionKeys {

  public static final String TOKEN = "token";
  public static final String CHANNEL = "channelId";
  public static final String AGENT = "agentId";
  public static final String REPLY = "replyId";
  public static final String API_KEY_ID = "apiKeyId";

  private SessionKeys() {}
}
