package llmperf.server;

/**
 * A snapshot of the target's own counters.
 *
 * @param requestsTotal HTTP requests received plus WebSocket chat turns
 * @param activeStreams generations holding a slot
 * @param queueDepth generations waiting for a slot
 * @param rejectedTotal generations refused because slots and queue were full (429)
 * @param completedStreams generations that ran to their terminal event
 * @param slots configured generation slots
 * @param queueCapacity configured queue length
 */
public record TargetStats(
    long requestsTotal,
    int activeStreams,
    int queueDepth,
    long rejectedTotal,
    long completedStreams,
    int slots,
    int queueCapacity) {}
