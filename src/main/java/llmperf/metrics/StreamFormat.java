package llmperf.metrics;

/** How to read the events of one kind of stream: which carry content, which end it, which report an error. */
public enum StreamFormat {

  /**
   * OpenAI chat.completion.chunk events ending with data: [DONE]. A role-only or finish chunk is not content; usage
   * may come in its own last chunk, or in every chunk (vLLM's continuous usage stats).
   */
  OPENAI_SSE {
    @Override
    Reading read(String name, String text) {
      if (text.equals("[DONE]")) {
        return Reading.TERMINAL;
      }
      EventFields data = EventFields.of(text);
      if (data.error() != null) {
        return Reading.error(data.error(), data.code());
      } else if (data.hasContent()) {
        return Reading.content(data.usageTokens()).withTimings(data.timings());
      }
      return (data.usageTokens() >= 0 ? Reading.usage(data.usageTokens()) : Reading.OTHER)
          .withTimings(data.timings());
    }
  },

  /** The chat platform's SSE: event: token ..., then event: done with usage; event: error on failure. */
  CHAT_SSE {
    @Override
    Reading read(String name, String text) {
      return readTyped(name, EventFields.of(text));
    }
  },

  /** The chat platform's WebSocket frames: start, token ..., done with usage; error on failure. */
  CHAT_WS {
    @Override
    Reading read(String name, String text) {
      EventFields frame = EventFields.of(text);
      return readTyped(frame.type(), frame);
    }
  };

  /**
   * What one event means.
   *
   * @param name the SSE event name ("" when the event has none, and for a WebSocket frame)
   * @param text the SSE event's data, or the WebSocket frame
   */
  abstract Reading read(String name, String text);

  private static Reading readTyped(String type, EventFields body) {
    return switch (type) {
      case "token" -> body.hasContent() ? Reading.CONTENT : Reading.OTHER;
      case "done" -> body.usageTokens() >= 0 ? Reading.terminalWithUsage(body.usageTokens()) : Reading.TERMINAL;
      case "error" -> Reading.error(body.message() != null ? body.message()
          : body.error() != null ? body.error() : "error event", body.code());
      default -> Reading.OTHER;
    };
  }

  /**
   * What one event means.
   *
   * @param failure for an error event, the reply's KO message: "http 429 in an error event: ..." when the event
   *     carries an HTTP status of 400 or more (a server refusing in-band, as over a WebSocket), else "error event: ..."
   * @param timings the server's own timings of the reply when the event carries them (llama.cpp), else null
   */
  record Reading(Kind kind, int usageTokens, String failure, ServerTimings timings) {
    static final Reading CONTENT = new Reading(Kind.CONTENT, -1, null);
    static final Reading OTHER = new Reading(Kind.OTHER, -1, null);
    static final Reading TERMINAL = new Reading(Kind.TERMINAL, -1, null);

    Reading(Kind kind, int usageTokens, String failure) {
      this(kind, usageTokens, failure, null);
    }

    Reading withTimings(ServerTimings serverTimings) {
      return serverTimings == null ? this : new Reading(kind, usageTokens, failure, serverTimings);
    }

    /** Content, with the usage so far when the chunk carries it too (-1 when not). */
    static Reading content(int usageTokens) {
      return usageTokens >= 0 ? new Reading(Kind.CONTENT, usageTokens, null) : CONTENT;
    }

    static Reading usage(int tokens) {
      return new Reading(Kind.USAGE, tokens, null);
    }

    static Reading terminalWithUsage(int tokens) {
      return new Reading(Kind.TERMINAL, tokens, null);
    }

    static Reading error(String message, int code) {
      return new Reading(Kind.ERROR, -1, code >= 400
          ? ErrorClass.HTTP_STATUS.message(code + " in an error event: " + message)
          : ErrorClass.ERROR_EVENT.message(message));
    }
  }

  enum Kind { CONTENT, OTHER, USAGE, TERMINAL, ERROR }
}
