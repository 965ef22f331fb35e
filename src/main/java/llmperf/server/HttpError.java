package llmperf.server;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request that cannot be served, thrown by routes and turned into the JSON error body by the router.
 * No stack trace: these are expected outcomes, thrown often under load.
 */
final class HttpError extends RuntimeException {

  final HttpResponseStatus status;
  final String type;

  HttpError(HttpResponseStatus status, String type, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  static HttpError badRequest(String message) {
    return new HttpError(HttpResponseStatus.BAD_REQUEST, "invalid_request_error", message);
  }

  static HttpError notFound(String message) {
    return new HttpError(HttpResponseStatus.NOT_FOUND, "not_found_error", message);
  }

  static HttpError unauthorized(String message) {
    return new HttpError(HttpResponseStatus.UNAUTHORIZED, "authentication_error", message);
  }
}
