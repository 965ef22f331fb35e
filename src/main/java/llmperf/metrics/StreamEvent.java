package llmperf.metrics;

/**
 * One event of a streamed reply as Gatling received it.
 *
 * @param timestamp arrival time in epoch milliseconds, stamped by Gatling's network thread (whole ms)
 * @param text the event as Gatling hands it over: SSE as {"event":..,"data":..} JSON, WebSocket frames as sent
 */
public record StreamEvent(long timestamp, String text) {}
