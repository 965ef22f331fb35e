package llmperf.metrics;

/** How to read the events of one kind of stream: which carry tokens of which kind, which end it, which are errors. */
public enum StreamFormat {

  /**
   * OpenAI chat.completion.chunk events, or legacy text_completion chunks, ending with data: [DONE]. A role-only or
   * finish chunk is no token; usage may come in its own last chunk, or in every chunk (vLLM's continuous usage stats).
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
      } else if (data.token() != null) {
        return Reading.token(data.token(), data.usage()).withTimings(data.timings());
      }
      return (data.usage() != null ? Reading.usage(Kind.USAGE, data.usage()) : Reading.OTHER)
          .withTimings(data.timings());
    }
  },

  /** The OpenAI Responses API's typed events, ending with response.completed (or response.incomplete). */
  RESPONSES_SSE {
    @Override
    Reading read(String name, String text) {
      return ResponsesEvent.read(text);
    }
  },

  /** The Anthropic Messages API's events, ending with message_stop; usage in message_delta. */
  MESSAGES_SSE {
    @Override
    Reading read(String name, String text) {
      return MessagesEvent.read(text);
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
      case "token" -> body.token() == TokenKind.ANSWER ? Reading.ANSWER : Reading.OTHER;
      case "done" -> body.usage() != null ? Reading.usage(Kind.TERMINAL, body.usage()) : Reading.TERMINAL;
      case "error" -> Reading.error(body.message() != null ? body.message()
          : body.error() != null ? body.error() : "error event", body.code());
      default -> Reading.OTHER;
    };
  }

  /**
   * What one event means.
   *
   * @param token for a {@link Kind#TOKEN} event, its kind
   * @param usageTokens output tokens reported by usage in this event (reasoning included), -1 when none
   * @param reasoningTokens the reasoning tokens among them, when usage details them; -1 when not
   * @param failure for an error event, the reply's KO message: "http 429 in an error event: ..." when the event
   *     carries an HTTP status of 400 or more (a server refusing in-band, as over a WebSocket), else "error event: ..."
   * @param timings the server's own timings of the reply when the event carries them (llama.cpp), else null
   */
  record Reading(Kind kind, TokenKind token, int usageTokens, int reasoningTokens, String failure,
      ServerTimings timings) {
    static final Reading ANSWER = new Reading(Kind.TOKEN, TokenKind.ANSWER, -1, -1, null, null);
    static final Reading OTHER = new Reading(Kind.OTHER, null, -1, -1, null, null);
    static final Reading TERMINAL = new Reading(Kind.TERMINAL, null, -1, -1, null, null);

    /** A token, with the usage so far when the chunk carries it too. */
    static Reading token(TokenKind token, EventFields.Usage usage) {
      return usage == null ? new Reading(Kind.TOKEN, token, -1, -1, null, null)
          : new Reading(Kind.TOKEN, token, usage.outputTokens(), usage.reasoningTokens(), null, null);
    }

    Reading withTimings(ServerTimings serverTimings) {
      return serverTimings == null ? this
          : new Reading(kind, token, usageTokens, reasoningTokens, failure, serverTimings);
    }

    /** A usage report alone ({@link Kind#USAGE}), or the terminal event carrying one ({@link Kind#TERMINAL}). */
    static Reading usage(Kind kind, EventFields.Usage usage) {
      return new Reading(kind, null, usage.outputTokens(), usage.reasoningTokens(), null, null);
    }

    static Reading error(String message, int code) {
      return new Reading(Kind.ERROR, null, -1, -1, code >= 400
          ? ErrorClass.HTTP_STATUS.message(code + " in an error event: " + message)
          : ErrorClass.ERROR_EVENT.message(message), null);
    }
  }

  enum Kind { TOKEN, OTHER, USAGE, TERMINAL, ERROR }
}
