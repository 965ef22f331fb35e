package llmperf.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The traces of the generations in flight or not yet collected, by request id. Bounded: past {@link #CAPACITY}
 * uncollected traces new requests go untraced (and are counted), so a long run against a server nobody asks keeps
 * its memory.
 */
final class ReplyTraces {

  static final int CAPACITY = 200_000;

  private final Map<String, ReplyTrace> traces = new ConcurrentHashMap<>();
  private final LongAdder untraced = new LongAdder();

  /** A trace for the request, or null when it carries no id or the traces are full. */
  ReplyTrace open(String requestId, long receivedAt) {
    if (requestId == null || requestId.isEmpty()) {
      return null;
    }
    if (traces.size() >= CAPACITY) {
      untraced.increment();
      return null;
    }
    ReplyTrace trace = new ReplyTrace(requestId, receivedAt);
    traces.put(requestId, trace);
    return trace;
  }

  /** The record of a request, removed: each is collected once. Null when there is none. */
  EmbeddedTarget.ServerRecord take(String requestId) {
    ReplyTrace trace = traces.remove(requestId);
    return trace == null ? null : trace.record();
  }

  /** Every record whose generation is over, removed: what a suite in another process collects after its run. */
  List<EmbeddedTarget.ServerRecord> collectFinished() {
    List<EmbeddedTarget.ServerRecord> finished = new ArrayList<>();
    traces.forEach((id, trace) -> {
      EmbeddedTarget.ServerRecord record = trace.record();
      if (!record.outcome().equals(ReplyTrace.PENDING) && traces.remove(id, trace)) {
        finished.add(record);
      }
    });
    return finished;
  }

  long untraced() {
    return untraced.sum();
  }
}
